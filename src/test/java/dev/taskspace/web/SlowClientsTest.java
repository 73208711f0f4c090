package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: clients that connect and say nothing, send one byte, trickle their headers or their
 * body cannot stop the server from answering everyone else (issue 15: four such sockets froze
 * the JDK's server for as long as they stayed open).
 */
class SlowClientsTest {
    /** How many hostile connections are held open at once. */
    static final int HELD = 240;

    @TempDir
    Path dir;
    PageServer server;
    final List<Socket> held = new ArrayList<>();
    final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() throws IOException {
        MapArtefact.write(dir.resolve("map"), TestMaps.small(false));
        ServerLimits limits = ServerLimits.DEFAULT.withHeaders(Duration.ofSeconds(2)).withBody(Duration.ofSeconds(2));
        server = PageServer.start(dir.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"),
                PageServer.Settings.DEFAULT.withLimits(limits));
    }

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket s : held) s.close();
        server.close();
    }

    Socket open() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        held.add(s);
        return s;
    }

    /** Sends {@code text} one byte every 100 ms, for as long as the socket takes it. */
    void trickle(Socket s, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int[] next = {0};
        trickle.scheduleAtFixedRate(() -> {
            try {
                OutputStream out = s.getOutputStream();
                out.write(bytes[next[0]++ % bytes.length]);
                out.flush();
            } catch (IOException closed) {
                throw new IllegalStateException("closed"); // ends this trickle only
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Test
    void twoHundredIdleAndTricklingClientsDoNotDelayANormalRequest() throws IOException {
        String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
        for (int i = 0; i < HELD; i++) {
            Socket s = open();
            switch (i % 4) {
                case 0 -> { } // connects, says nothing
                case 1 -> s.getOutputStream().write('G'); // one byte, then nothing
                case 2 -> trickle(s, "GET / HTTP/1.1\r\n" + host + "X-Slow: " + "a".repeat(10_000));
                default -> {
                    s.getOutputStream().write(("POST /api/tasks HTTP/1.1\r\n" + host + "Content-Type: application/json\r\n"
                            + "Content-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    trickle(s, "a");
                }
            }
        }
        for (int i = 0; i < 20; i++) {
            // A normal request must be answered within 1 s while all of them are held open.
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                s.setSoTimeout(1000);
                long start = System.nanoTime();
                s.getOutputStream().write(("GET /config.json HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 200");
                assertThat(System.nanoTime() - start).as("request %d", i).isLessThan(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    @Test
    void tricklingHeadersAreCutOffAtTheHeaderLimit() throws IOException {
        Socket s = open();
        trickle(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(10_000));
        s.setSoTimeout(20_000);
        long start = System.nanoTime();
        assertThat(readOrTimeout(s.getInputStream())).as("the server closes the connection").isEqualTo(-1);
        // 2 s limit, checked once a second: closed after 2-3 s, long before the 30 s idle timeout
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aTricklingBodyGets408AtTheBodyLimit() throws IOException {
        Socket s = open();
        s.getOutputStream().write(("POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        trickle(s, "a");
        s.setSoTimeout(20_000);
        String answer = new String(s.getInputStream().readNBytes(200), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 408");
    }

    private static int readOrTimeout(InputStream in) throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) return -1;
            }
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException reset) {
            return -1;
        }
    }
}
