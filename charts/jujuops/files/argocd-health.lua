-- Argo CD health for JujuOps' four kinds (JujuController, JujuModel, ModelDefaults, ModelMigration), one script for
-- all: the operator writes the same kstatus conditions on each (Ready, Reconciling, Stalled; exactly one of them
-- True once it has reconciled). Install it under resource.customizations.health.jujuops.io_<Kind> in argocd-cm
-- (docs/operations.md, GitOps health). Tested by tests/JujuOps.EndToEnd/Deployment/ArgoCdHealthTests.cs with Debian's Lua.
--   no status yet, or the spec's generation not yet observed  -> Progressing (kstatus alone would say Current)
--   Reconciling=True                                           -> Progressing
--   Stalled=True                                               -> Degraded (only what needs a user's change)
--   Ready=True                                                 -> Healthy
--   Ready=False with neither of the others                     -> Progressing, never Degraded
local hs = { status = "Progressing", message = "Waiting for the operator to report status" }

local function describe(condition)
  local text = condition.reason or condition.type
  if condition.message ~= nil and condition.message ~= "" then
    text = text .. ": " .. condition.message
  end
  return text
end

if obj.status == nil or obj.status.conditions == nil then
  return hs
end

local generation = obj.metadata and obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local found = {}
for _, condition in ipairs(obj.status.conditions) do
  found[condition.type] = condition
end

if found.Reconciling ~= nil and found.Reconciling.status == "True" then
  hs.message = describe(found.Reconciling)
  return hs
end
if found.Stalled ~= nil and found.Stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(found.Stalled)
  return hs
end
if found.Ready ~= nil then
  if found.Ready.status == "True" then
    hs.status = "Healthy"
  end
  hs.message = describe(found.Ready)
end
return hs
