"""tests/interop/tally.py: the "ok - " / "not ok - " lines of the
interop suites, with their evidence, and the counts run.sh reads."""


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, cond, what, evidence=""):
        if cond:
            self.passed += 1
            print("ok - " + what)
        else:
            self.failed += 1
            print("not ok - " + what)
            for line in str(evidence).rstrip("\n").splitlines()[-40:]:
                print("#   " + line)
        return cond
