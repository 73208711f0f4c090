package dev.taskspace.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request headers have not arrived whole within the limit of their
 * first byte. Jetty's idle timeout alone is restarted by every byte, so a client trickling one
 * header byte every few seconds would keep its connection for ever; this watch looks at each
 * open connection once a second (a map walk, no thread per connection).
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    /** When a connection was first seen part-way through a request's headers, and which request. */
    private record Seen(long request, long sinceNanos) {}

    private final Scheduler scheduler;
    private final long limitNanos;
    private final Map<HttpConnection, Seen> open = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    HeaderDeadline(Scheduler scheduler, long limitMillis) {
        this.scheduler = scheduler;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) open.put(http, new Seen(-1, 0));
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::sweep, 1, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) task.cancel();
        open.clear();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<HttpConnection, Seen> e : open.entrySet()) {
            HttpConnection c = e.getKey();
            var parser = c.getParser();
            boolean partHeaders = parser.inHeaderState() && !parser.isStart();
            if (!partHeaders) {
                if (e.getValue().request >= 0) e.setValue(new Seen(-1, 0));
                continue;
            }
            long request = c.getMessagesIn();
            Seen seen = e.getValue();
            if (seen.request != request) {
                e.setValue(new Seen(request, now));
            } else if (now - seen.sinceNanos > limitNanos) {
                open.remove(c);
                c.getEndPoint().close();
            }
        }
        if (isRunning()) next = scheduler.schedule(this::sweep, 1, TimeUnit.SECONDS);
    }
}
