// a bad option fails at prepare-agent, before anything is compiled or tested, with the agent's own message
def log = new File(basedir, 'build.log').text
assert log.contains("localdrop: bad agent option 'mode=loud': accepted values are diagnose, enforce, off")
assert log.contains('localdrop-maven-plugin:' + projectVersion + ':prepare-agent')
assert !log.contains('Tests run:')
