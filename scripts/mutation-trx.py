"""Writes the outcomes of scripts/mutation.sh as a TRX test report: one test per Stryker run, so that scripts/test.sh counts
them with the other projects' results. Reads "name|verdict|seconds|message" lines (verdict: passed, failed or partial) on stdin; argv[1]: the file."""
import socket
import sys
import uuid
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import quoteattr, escape

TEST_TYPE = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b"  # a unit test, as vstest writes it
TEST_LIST = "8c84fa94-04c1-424b-9868-57a2d4851a1d"  # vstest's "Results Not in a List"
OUTCOMES = {"passed": "Passed", "failed": "Failed", "partial": "Inconclusive"}

runs = []
for line in sys.stdin.read().splitlines():
    if line.strip():
        name, verdict, seconds, message = line.split("|", 3)
        runs.append((name, verdict, int(seconds), message))

finish = datetime.now(timezone.utc)
start = finish - timedelta(seconds=sum(r[2] for r in runs))
host = socket.gethostname()
results, definitions, entries = [], [], []
for name, verdict, seconds, message in runs:
    test, execution = str(uuid.uuid4()), str(uuid.uuid4())
    test_name = f"Mutation.{name}"
    outcome = OUTCOMES[verdict]
    detail = (f"<ErrorInfo><Message>{escape(message)}</Message></ErrorInfo>" if verdict == "failed"
              else f"<StdOut>{escape(message)}</StdOut>")
    results.append(
        f'<UnitTestResult executionId="{execution}" testId="{test}" testName={quoteattr(test_name)} computerName={quoteattr(host)}'
        f' duration="{seconds // 3600:02}:{seconds // 60 % 60:02}:{seconds % 60:02}.0000000" testType="{TEST_TYPE}" outcome="{outcome}" testListId="{TEST_LIST}">'
        f"<Output>{detail}</Output></UnitTestResult>")
    definitions.append(
        f'<UnitTest name={quoteattr(test_name)} storage="scripts/mutation.sh" id="{test}"><Execution id="{execution}" />'
        f'<TestMethod codeBase="scripts/mutation.sh" adapterTypeName="executor://stryker-mutator/" className="Mutation" name={quoteattr(name)} />'
        f"</UnitTest>")
    entries.append(f'<TestEntry testId="{test}" executionId="{execution}" testListId="{TEST_LIST}" />')

counts = {v: sum(r[1] == v for r in runs) for v in OUTCOMES}
with open(sys.argv[1], "w", encoding="utf-8") as trx:
    trx.write(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<TestRun id="{uuid.uuid4()}" name="scripts/mutation.sh" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">\n'
        f'<Times creation="{finish.isoformat()}" start="{start.isoformat()}" finish="{finish.isoformat()}" />\n'
        f'<Results>{"".join(results)}</Results>\n'
        f'<TestDefinitions>{"".join(definitions)}</TestDefinitions>\n'
        f'<TestEntries>{"".join(entries)}</TestEntries>\n'
        f'<TestLists><TestList name="Results Not in a List" id="{TEST_LIST}" /></TestLists>\n'
        f'<ResultSummary outcome="{"Failed" if counts["failed"] else "Completed"}">'
        f'<Counters total="{len(runs)}" executed="{len(runs)}" passed="{counts["passed"]}" failed="{counts["failed"]}"'
        f' error="0" timeout="0" aborted="0" inconclusive="{counts["partial"]}" passedButRunAborted="0" notRunnable="0"'
        f' notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" /></ResultSummary>\n'
        "</TestRun>\n")
