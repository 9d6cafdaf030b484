// a leak allowed in the test with @AllowThreadLocalLeak: the test passes, check lists it with the annotation
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert !log.contains('[ERROR] localdrop:')
assert log.readLines().any { it.contains('[INFO] localdrop: BLEED (ERROR) ThreadLocal com.acme.RequestContext.USER')
        && it.contains('allowed in a test by @AllowThreadLocalLeak(kind = BLEED, threadLocal = "com.acme.RequestContext.USER", reason = "ACME-42: the legacy login filter never clears it")') }
assert log.readLines().any { it.contains('[INFO] localdrop: TASK_LEAK (WARNING)') && it.contains('reason = "ACME-42: same"') }
