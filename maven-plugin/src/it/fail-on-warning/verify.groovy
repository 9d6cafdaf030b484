// failOn=WARNING: a TASK_LEAK alone fails the build (leak-fails shows it as an [INFO] line under the default ERROR)
def log = new File(basedir, 'build.log').text
assert log.readLines().any { it.contains('[ERROR] localdrop: TASK_LEAK (WARNING) ThreadLocal com.acme.RequestContext.USER, set at com.acme.TaskLeakTest.') }
assert !log.contains('BLEED')
assert log.contains('1 finding(s) at or above WARNING')
