// check without prepare-agent: the tests ran without the agent, no report, and check says why
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0')
assert log.contains('localdrop: no report in ')
assert log.contains('prepare-agent did not run')
