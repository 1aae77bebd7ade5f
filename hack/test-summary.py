#!/usr/bin/env python3
"""Prints one line per test assembly from the .trx files of a run, and a total; exits 1 if any test failed."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
folder = sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results"
totals = {"total": 0, "passed": 0, "failed": 0, "notExecuted": 0}
failed_tests = []
for path in sorted(glob.glob(os.path.join(folder, "*.trx"))):
    root = ET.parse(path).getroot()
    counters = root.find("t:ResultSummary/t:Counters", NS)
    definitions = root.findall("t:TestDefinitions/t:UnitTest", NS)
    assembly = os.path.basename(definitions[0].get("storage")) if definitions else os.path.basename(path)
    counts = {k: int(counters.get(k, 0)) for k in totals} if counters is not None else dict.fromkeys(totals, 0)
    for k in totals:
        totals[k] += counts[k]
    print(f"{assembly:45} total {counts['total']:5}  passed {counts['passed']:5}  failed {counts['failed']:3}  not run {counts['notExecuted']:3}")
    for result in root.findall("t:Results/t:UnitTestResult", NS):
        if result.get("outcome") == "Failed":
            failed_tests.append(f"{assembly}: {result.get('testName')}")
print(f"{'ALL':45} total {totals['total']:5}  passed {totals['passed']:5}  failed {totals['failed']:3}  not run {totals['notExecuted']:3}")
for name in failed_tests:
    print("  FAILED " + name)
sys.exit(1 if totals["failed"] or totals["notExecuted"] else 0)
