package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The live tasks' jobs: checks a request, runs one job at a time on its own thread, and keeps
 * each job's status for the page to poll (the last {@value #KEPT} jobs).
 */
final class LiveJobs implements AutoCloseable {
    /** The longest task name accepted. */
    static final int MAX_NAME = 40;
    /** The longest instruction accepted, in characters. */
    static final int MAX_INSTRUCTION = 1000;
    private static final int KEPT = 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LiveTasks tasks;
    private final ExecutorService worker;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private Job running;

    LiveJobs(LiveTasks tasks) {
        this.tasks = tasks;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "taskspace-live-task");
            t.setDaemon(true);
            return t;
        });
    }

    boolean available() {
        return tasks.available();
    }

    String reason() {
        return tasks.reason();
    }

    /** A job's state, as the page reads it. */
    record Status(String id, String name, String state, String stage, long done, long total, String error) {}

    /** A request the server refuses, with the HTTP status to answer and a message for the page. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Checks and starts a job; {@code existing} are the map's task names now. */
    synchronized Status submit(String name, String instruction, Set<String> existing) throws Refused {
        if (!tasks.available()) throw new Refused(503, tasks.reason());
        check(name, instruction, existing);
        if (running != null) throw new Refused(409, "a job is running (\"" + running.name + "\"): wait for it to finish");
        Job job = new Job(HexFormat.of().formatHex(randomBytes()), name);
        jobs.put(job.id, job);
        while (jobs.size() > KEPT) jobs.remove(jobs.keySet().iterator().next());
        running = job;
        String line = instruction.strip();
        worker.execute(() -> run(job, line));
        return job.status();
    }

    /** The status of job {@code id}, or null when there is no such job. */
    synchronized Status status(String id) {
        Job job = jobs.get(id);
        return job == null ? null : job.status();
    }

    static void check(String name, String instruction, Set<String> existing) throws Refused {
        if (name == null || name.isEmpty()) throw new Refused(400, "give the task a name");
        if (name.length() > MAX_NAME) throw new Refused(400, "the task name is longer than " + MAX_NAME + " characters");
        if (!NAME.matcher(name).matches()) throw new Refused(400, "task names use lower-case letters, digits, - and _, and start with a letter or digit");
        if (existing.contains(name)) throw new Refused(409, "the map has a task called \"" + name + "\" already");
        if (instruction == null || instruction.isBlank()) throw new Refused(400, "the instruction is empty");
        if (instruction.strip().length() > MAX_INSTRUCTION) throw new Refused(400, "the instruction is longer than " + MAX_INSTRUCTION + " characters");
        if (instruction.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new Refused(400, "the instruction must be one line of text (no line breaks or other control characters)");
        }
        if (instruction.chars().anyMatch(LiveJobs::bidiControl)) {
            throw new Refused(400, "the instruction must not contain bidirectional-text controls (U+202A-U+202E, U+2066-U+2069, "
                    + "U+200E, U+200F, U+061C): type it without them");
        }
    }

    /** Characters that reorder how text is shown: they could make an instruction read otherwise than it is. */
    static boolean bidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private void run(Job job, String instruction) {
        synchronized (this) {
            job.state = "running";
            job.stage = "starting";
        }
        String error = null;
        try {
            tasks.run(job.name, instruction, (stage, done, total) -> {
                synchronized (this) {
                    job.stage = stage;
                    job.done = done;
                    job.total = total;
                }
            });
        } catch (TaskspaceException e) {
            error = e.getMessage() == null ? "failed" : e.getMessage();
        } catch (InterruptedException e) {
            error = "the server stopped during the job";
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            System.err.println("taskspace serve: the live task \"" + job.name + "\" failed: " + e);
            error = "internal error (the server's log has the details)";
        }
        synchronized (this) {
            // One step: a page that sees "done" may start the next job at once.
            job.state = error == null ? "done" : "failed";
            job.error = error;
            running = null;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** A job's mutable state; guarded by the LiveJobs monitor. */
    private static final class Job {
        final String id;
        final String name;
        String state = "queued";
        String stage = "queued";
        long done;
        long total = -1;
        String error;

        Job(String id, String name) {
            this.id = id;
            this.name = name;
        }

        Status status() {
            return new Status(id, name, state, stage, done, total, error);
        }
    }
}
