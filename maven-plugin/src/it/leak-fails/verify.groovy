// mvn verify failed (invoker.properties) in check, naming the finding's kind, ThreadLocal, lines and report
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0')
def bleed = log.readLines().find { it.contains('[ERROR] localdrop: BLEED (ERROR) ThreadLocal com.acme.RequestContext.USER') }
assert bleed != null : 'no BLEED line'
assert bleed.contains('set at com.acme.LeakyRequestTest.lambda$theSecondRequestSeesTheFirstUser$0(LeakyRequestTest.java:')
assert bleed.contains('read at com.acme.LeakyRequestTest.lambda$theSecondRequestSeesTheFirstUser$1(LeakyRequestTest.java:')
assert bleed.contains(', count 1 [')
assert bleed.contains('target/localdrop/report-')
assert log.contains('localdrop-maven-plugin:' + projectVersion + ':check')
assert log.contains('1 finding(s) at or above ERROR')
