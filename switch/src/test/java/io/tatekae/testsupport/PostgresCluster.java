package io.tatekae.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temp folder, start on a free port bound to
 * 127.0.0.1 only, stop and delete on close. PostgreSQL refuses to run as root, so as root the server
 * runs as the system user {@value #SYSTEM_USER} (created when missing) via runuser.
 * {@link #stop()} and {@link #start()} take the server down and up mid-test on the same port.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String SYSTEM_USER = "tatekae-pg";
    private static final String SUPERUSER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Path binDir;
    private final Path root;
    private final Path dataDir;
    private final int port;
    private final boolean asRoot;
    private boolean running;

    /** The cluster's own folder (deleted on close). */
    Path root() {
        return root;
    }

    private PostgresCluster(Path binDir, Path root, int port, boolean asRoot) {
        this.binDir = binDir;
        this.root = root;
        this.dataDir = root.resolve("data");
        this.port = port;
        this.asRoot = asRoot;
    }

    /** Creates and starts a cluster. Fails with a message naming what is missing when PostgreSQL is not installed. */
    public static PostgresCluster start15() {
        Path binDir = findBinDir();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        try {
            if (asRoot) {
                ensureSystemUser();
            }
            Path root = Files.createTempDirectory("tatekae-pg-");
            PostgresCluster cluster = new PostgresCluster(binDir, root, freePort(), asRoot);
            try {
                cluster.initdb();
                cluster.start();
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL test cluster: cannot create its temp folder", e);
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    public String password() {
        return "";
    }

    /** JDBC URL of {@code database} on this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a fresh database and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name " + name + ": use lower-case letters, digits and _");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test cluster: cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + root
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50";
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", root.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"));
        running = true;
    }

    /** Stops the server fast (open connections are cut), as a database outage would. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        running = false;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        try {
            if (running) {
                stop();
            }
        } finally {
            deleteRecursively(root);
        }
    }

    private void initdb() {
        if (asRoot) {
            String failure = exec(List.of("chown", SYSTEM_USER + ":", root.toString()), null);
            if (failure != null) {
                throw new IllegalStateException("PostgreSQL test cluster: cannot hand " + root + " to " + SYSTEM_USER + ": " + failure);
            }
        }
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot && hasRunuser()) {
            full.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
            full.addAll(command);
        } else if (asRoot) {
            full.addAll(List.of("su", "-s", "/bin/sh", SYSTEM_USER, "-c", shellQuoted(command)));
        } else {
            full.addAll(command);
        }
        String output = exec(full, root);
        if (output != null) {
            throw new IllegalStateException("PostgreSQL test cluster: `" + String.join(" ", command) + "` failed:\n"
                    + output + serverLogTail());
        }
    }

    private static boolean hasRunuser() {
        return Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))
                || Files.isExecutable(Path.of("/usr/bin/runuser"));
    }

    private static String shellQuoted(List<String> command) {
        StringBuilder out = new StringBuilder();
        for (String part : command) {
            out.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        return out.toString().strip();
    }

    /** @return null on success, else the command's output. */
    private static String exec(List<String> command, Path workDir) {
        try {
            Process process = new ProcessBuilder(command).directory(workDir == null ? null : workDir.toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out after " + COMMAND_TIMEOUT_SECONDS + " s";
            }
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String serverLogTail() {
        Path log = root.resolve("server.log");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static Path findBinDir() {
        String fromEnv = System.getenv("TATEKAE_PG_BINDIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checkBinDir(Path.of(fromEnv), "TATEKAE_PG_BINDIR");
        }
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("PostgreSQL test cluster: `pg_config --bindir` failed: " + out);
            }
            return checkBinDir(Path.of(out), "pg_config --bindir");
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL test cluster: pg_config not found on PATH; install PostgreSQL 15 "
                    + "server binaries (e.g. apt-get install postgresql-15) or set TATEKAE_PG_BINDIR", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PostgreSQL test cluster: interrupted while running pg_config", e);
        }
    }

    private static Path checkBinDir(Path bin, String source) {
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new IllegalStateException("PostgreSQL test cluster: " + bin.resolve(tool) + " (from " + source
                        + ") is missing or not executable; install the PostgreSQL 15 server package");
            }
        }
        return bin;
    }

    private static synchronized void ensureSystemUser() {
        if (exec(List.of("id", "-u", SYSTEM_USER), null) == null) {
            return;
        }
        String failure = exec(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER), null);
        if (failure != null && exec(List.of("id", "-u", SYSTEM_USER), null) != null) {
            throw new IllegalStateException("PostgreSQL test cluster: running as root and cannot create system user "
                    + SYSTEM_USER + ": " + failure);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
