// forkCount=2: two test JVMs, two reports, the finding of each fork in the log
def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/localdrop').listFiles().findAll { it.name ==~ /report-\d+\.json/ }
assert reports.size() == 2 : "reports: ${reports}"
assert log.readLines().any { it.contains('[ERROR] localdrop: BLEED (ERROR) ThreadLocal com.acme.RequestContext.USER') && it.contains('FirstForkTest.java:') }
assert log.readLines().any { it.contains('[ERROR] localdrop: BLEED (ERROR) ThreadLocal com.acme.TenantContext.TENANT') && it.contains('SecondForkTest.java:') }
assert log.contains('2 finding(s) at or above ERROR in 2 report(s)')
// the project's own argLine is kept, the agent's argument appended
assert log.contains('localdrop: argLine set to -Dacme.flag=on -javaagent:')
assert log.contains('Tests run: 3, Failures: 0, Errors: 0')
// report: one page of both forks' reports, merged, written before check failed the build
def page = new File(basedir, 'target/site/localdrop/index.html')
assert page.isFile() : "no HTML report at ${page}"
def html = page.text
assert html.contains('com.acme.RequestContext.USER') && html.contains('com.acme.TenantContext.TENANT')
assert html.contains('FirstForkTest.java:') && html.contains('SecondForkTest.java:')
assert log.contains('localdrop: HTML report of ')
