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
 * dropped and {@link #overflowed()} says so. The buffer is sized from Content-Length when the
 * server gives one (up to the cap), so a normal answer is copied once.
 *
 * @param buffer     holds the body, or its first {@code cap} bytes when it overflowed, in {@code [0, length)}
 * @param length     how many bytes of {@code buffer} are the body
 * @param overflowed the server sent more than the cap
 */
record BoundedBody(byte[] buffer, int length, boolean overflowed) {

    /** A handler keeping at most {@code capFor(status)} bytes of a response with that status. */
    static HttpResponse.BodyHandler<BoundedBody> handler(LongUnaryOperator capFor) {
        return info -> {
            long cap = capFor.applyAsLong(info.statusCode());
            long announced = info.headers().firstValueAsLong("Content-Length").orElse(8192);
            return new Subscriber(cap, (int) Math.max(0, Math.min(Math.min(cap, announced), 64L << 20)));
        };
    }

    /** The body as a new array, for messages. */
    byte[] bytes() {
        return Arrays.copyOf(buffer, length);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<BoundedBody> {
        private final long cap;
        private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private byte[] buffer;
        private int size;

        Subscriber(long cap, int initial) {
            this.cap = Math.min(cap, Integer.MAX_VALUE - 16);
            this.buffer = new byte[Math.max(initial, 16)];
        }

        @Override
        public CompletionStage<BoundedBody> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE); // what is kept is bounded here; the client reads no faster than it hands over
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
                    result.complete(new BoundedBody(buffer, size, true));
                    return;
                }
                append(b, n);
            }
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
            result.complete(new BoundedBody(buffer, size, false));
        }
    }
}
