// the same leak, suppressed with a reason: the build passes, the log and the report list the suppression
def log = new File(basedir, 'build.log').text
assert !log.contains('[ERROR] localdrop:')
assert log.contains('localdrop: suppressed 1 BLEED finding(s) of com.acme.RequestContext.USER (count 1), reason: ACME-42: the legacy login filter never clears it; fixed in 2.0')
def reports = new File(basedir, 'target/localdrop').listFiles().findAll { it.name ==~ /report-\d+\.json/ }
assert reports.size() == 1
def report = new groovy.json.JsonSlurper().parse(reports[0])
assert report.findings.every { it.threadLocal.field != 'com.acme.RequestContext.USER' }
def bleed = report.suppressed.find { it.kind == 'BLEED' }
assert bleed.reason == 'ACME-42: the legacy login filter never clears it; fixed in 2.0'
assert bleed.findings == 1
