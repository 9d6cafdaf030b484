package io.localdrop.agent.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The built-in request boundaries: where a server starts and finishes handling one request on the current thread.
 * A pool's task is not a request on these servers: a connection's job reads and serves many keep-alive requests,
 * a reserved thread takes over the next one, a virtual thread serves a connection. Each entry is a method each call
 * of which handles exactly one request, named with its reason; a subclass's override that calls it only deepens.
 * One more kind of entry ({@link Entry#request} false): an event loop's handling of one I/O event, which runs no
 * Runnable the general rule could see ({@link WorkerLoops}), made a pool boundary.
 */
final class RequestBoundaries {
    /** One method (one descriptor) whose every call handles one request. */
    static final class Entry {
        final String owner;
        final String name;
        final String descriptor;
        final String reason;
        /** A request boundary (codes 6/7), or a pool boundary (2/3) for an event loop's one I/O event. */
        final boolean request;

        Entry(String owner, String name, String descriptor, String reason) {
            this(owner, name, descriptor, reason, true);
        }

        Entry(String owner, String name, String descriptor, String reason, boolean request) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.reason = reason;
            this.request = request;
        }
    }

    static final List<Entry> BUILT_IN;

    static {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry("org/eclipse/jetty/server/internal/HttpChannelState$HandlerInvoker", "run", "()V",
                "Jetty 12: runs one request (customizers, Server.handle, completion), whether the connection's "
                        + "job calls it in place (keep-alive, reserved threads, virtual threads) or a pool runs it"));
        entries.add(new Entry("org/eclipse/jetty/server/Server", "handle",
                "(Lorg/eclipse/jetty/server/Request;Lorg/eclipse/jetty/server/Response;Lorg/eclipse/jetty/util/Callback;)Z",
                "Jetty 12: the root handler every request goes through (core handlers and ee10 servlets); "
                        + "covers versions whose HttpChannelState differs"));
        entries.add(new Entry("org/apache/catalina/connector/CoyoteAdapter", "service",
                "(Lorg/apache/coyote/Request;Lorg/apache/coyote/Response;)V",
                "Tomcat 10/11: one request through the container (pipelined keep-alive requests are served in one "
                        + "pool task; with virtual threads each task is its own thread)"));
        entries.add(new Entry("io/undertow/server/Connectors", "executeRootHandler",
                "(Lio/undertow/server/HttpHandler;Lio/undertow/server/HttpServerExchange;)V",
                "Undertow 2: runs the root handler for one exchange, on the I/O thread or after dispatch to a worker"));
        entries.add(new Entry("io/netty/channel/nio/NioEventLoop", "processSelectedKey",
                "(Ljava/nio/channels/SelectionKey;Lio/netty/channel/nio/AbstractNioChannel;)V",
                "Netty 4.1 NIO event loop: one ready channel's I/O (a read runs the pipeline's channelRead on the "
                        + "loop's thread); the loop's queued Runnables are tasks by the general rule", false));
        entries.add(new Entry("io/netty/channel/epoll/AbstractEpollStreamChannel$EpollStreamUnsafe", "epollInReady", "()V",
                "Netty 4.1 epoll transport (Reactor Netty's and so Spring WebFlux's default on Linux): one ready stream"
                        + " channel's read, which runs the pipeline's channelRead on the loop's thread, as processSelectedKey"
                        + " does on NIO; without it the keep-alive requests of one connection were one stretch of work", false));
        BUILT_IN = Collections.unmodifiableList(entries);
    }

    private RequestBoundaries() {
    }
}
