package io.localdrop.agent.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A finding recorded or grown, on the thread it happened on (the event's thread). Committed by {@link FindingEvents}. */
@Name("io.localdrop.Finding")
@Label("ThreadLocal Finding")
@Category("localdrop")
@Description("A ThreadLocal leak or misuse localdrop found: committed at a finding's 1st, 2nd, 4th, 8th... occurrence")
@StackTrace(false)
final class FindingEvent extends Event {
    @Label("Kind")
    String kind;
    @Label("Severity")
    String severity;
    @Label("ThreadLocal")
    @Description("The static field it is stored in, else where it was created, else its class")
    String threadLocal;
    @Label("ThreadLocal Type")
    String threadLocalType;
    @Label("Set At")
    @Description("The storing sites seen so far, comma separated")
    String setAt;
    @Label("Read At")
    @Description("The reading sites seen so far (BLEED), comma separated")
    String readAt;
    @Label("Application Frame")
    @Description("The application's own frame of the storing stack (the report's appFrame), when known")
    String appFrame;
    @Label("Value Type")
    String valueType;
    @Label("Occurrences")
    long count;
}
