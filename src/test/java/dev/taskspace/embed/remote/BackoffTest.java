package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Backoff waits, Retry-After, and the rate limiter's token budget. */
class BackoffTest {
    final Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofSeconds(5));

    @Test
    void waitsDoubleWithJitterUpToTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(backoff.delay(3, null)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
            assertThat(backoff.delay(20, null)).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(5));
        }
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.delay(2, null)).distinct().count())
                .as("jitter").isGreaterThan(10);
    }

    @Test
    void aServersRetryAfterIsHonouredWithAtMostTenPercentMore() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1, Duration.ofSeconds(10))).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsADate() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        assertThat(Backoff.parseRetryAfter("2", now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.parseRetryAfter(" 1.5 ", now)).isEqualTo(Duration.ofMillis(1500));
        assertThat(Backoff.parseRetryAfter("Sat, 28 Nov 2026 12:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Sat, 28 Nov 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("soon", now)).isNull();
        assertThat(Backoff.parseRetryAfter(null, now)).isNull();
    }

    @Test
    void aTokenBudgetHoldsBackTheRequestThatWouldExceedIt() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1000, 600); // 10 tokens a second, 600 at once
        long t0 = System.nanoTime();
        limiter.acquire(600);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(200));
        limiter.acquire(5); // the budget is spent: half a second until 5 more tokens
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void aPauseHoldsEveryStartUntilItEnds() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(1000, 0);
        long t0 = System.nanoTime();
        limiter.pauseUntil(t0 + Duration.ofMillis(300).toNanos());
        limiter.acquire(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
