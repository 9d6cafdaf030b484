package io.localdrop.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** An owned key's destructor threw (the runtime let the failure pass). Committed by {@link DestructorEvents}. */
@Name("io.localdrop.DestructorFailed")
@Label("Destructor Failed")
@Category("localdrop")
@Description("The destructor of a localdrop owned key threw")
final class DestructorFailedEvent extends Event {
    @Label("Key")
    String key;
    @Label("Thread")
    @Description("The name of the thread whose value was being destroyed")
    String thread;
    @Label("Exception Class")
    String exceptionClass;
}
