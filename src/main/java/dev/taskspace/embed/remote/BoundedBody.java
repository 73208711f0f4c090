package dev.taskspace.embed.remote;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongUnaryOperator;

/**
 * A response body read into memory up to a cap, and no further: a server that sends more (a
 * 600 MB answer, an endless chunked body) costs at most the cap, then the connection is
 * dropped and {@link #overflowed()} says so. Bytes are pulled one buffer at a time, so the
 * HTTP client never holds more than its own small read-ahead beyond what is kept here.
 *
 * @param bytes      the body, or its first {@code cap} bytes when it overflowed
 * @param overflowed the server sent more than the cap
 */
record BoundedBody(byte[] bytes, boolean overflowed) {

    /** A handler keeping at most {@code capFor(status)} bytes of a response with that status. */
    static HttpResponse.BodyHandler<BoundedBody> handler(LongUnaryOperator capFor) {
        return info -> new Subscriber(capFor.applyAsLong(info.statusCode()));
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {
        private final long cap;
        private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private byte[] buffer = new byte[8192];
        private int size;

        Subscriber(long cap) {
            this.cap = Math.min(cap, Integer.MAX_VALUE - 16);
        }

        @Override
        public CompletionStage<BoundedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer b : items) {
                int n = b.remaining();
                if (size + (long) n > cap) {
                    int keep = (int) (cap - size);
                    append(b, keep);
                    subscription.cancel(); // drops the connection: nothing more is read
                    result.complete(new BoundedBody(Arrays.copyOf(buffer, size), true));
                    return;
                }
                append(b, n);
            }
            subscription.request(1);
        }

        private void append(ByteBuffer b, int n) {
            if (size + n > buffer.length) buffer = Arrays.copyOf(buffer, (int) Math.min(cap, Math.max(size + n, 2L * buffer.length)));
            b.get(buffer, size, n);
            size += n;
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(new BoundedBody(Arrays.copyOf(buffer, size), false));
        }
    }
}
