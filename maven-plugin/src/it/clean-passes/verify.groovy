// a clean project: a report was written and check passed
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0')
assert !log.contains('[ERROR] localdrop:')
assert log.contains('localdrop: no finding at or above ERROR in 1 report(s)')
