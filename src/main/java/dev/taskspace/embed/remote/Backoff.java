package dev.taskspace.embed.remote;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying a failed request again: what the server asked for
 * (Retry-After) when it said, else exponential backoff with jitter, so that many clients (or
 * many concurrent requests of one) do not come back at the same moment.
 *
 * @param base the first wait before jitter, e.g. 0.5 s; doubled on each further failure
 * @param max  the longest wait taskspace chooses itself (a server's Retry-After may be longer)
 */
record Backoff(Duration base, Duration max) {

    /**
     * The wait after the {@code failures}-th failure of a request (1 for the first):
     * {@code retryAfter} plus up to 10% when the server gave one; otherwise a random duration
     * between half and all of {@code min(max, base * 2^(failures - 1))} ("equal jitter").
     */
    Duration delay(int failures, Duration retryAfter) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (retryAfter != null) {
            long ms = retryAfter.toMillis();
            return Duration.ofMillis(ms + r.nextLong(ms / 10 + 1));
        }
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(failures - 1, 30));
        return Duration.ofMillis(cap / 2 + r.nextLong(cap - cap / 2 + 1));
    }

    /**
     * A Retry-After header: delay-seconds ({@code 2}, also {@code 1.5}) or an HTTP date; null
     * when absent or unreadable. A date in the past means no wait.
     */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) return null;
        String h = header.strip();
        try {
            double seconds = Double.parseDouble(h);
            if (!Double.isFinite(seconds)) return null;
            return Duration.ofMillis(Math.max(0, Math.round(seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
