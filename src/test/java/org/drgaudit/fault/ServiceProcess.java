package org.drgaudit.fault;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-app.jar}) in a child process on a data directory of its
 * own, with production defaults (no demo, durable database, initial passwords to be changed), as an operator runs
 * it: started, killed with SIGKILL, started again on the same data.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("drgaudit.service.jar", "target/quarkus-app/quarkus-app.jar"));
    private static final Duration START = Duration.ofMinutes(3);

    private final ChildProcess process;
    private final int port;
    private final Path dataDir;

    private ServiceProcess(ChildProcess process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Starts the service and waits until it is ready (health UP). */
    static ServiceProcess start(Path dataDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dquarkus.http.port=" + port, "-Ddrgaudit.data-dir=" + dataDir, "-Ddrgaudit.demo.enabled=false",
                "-jar", JAR.toString()));
        ServiceProcess service = new ServiceProcess(ChildProcess.start(command), port, dataDir);
        try {
            service.awaitReady();
        } catch (Exception | AssertionError e) {
            service.kill();
            throw e;
        }
        return service;
    }

    private void awaitReady() throws Exception {
        long until = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < until) {
            try {
                if (given().port(port).get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet (RestAssured rethrows the ConnectException unchecked)
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become ready within " + START + ":\n" + process.output());
    }

    RequestSpecification as(String user, String password) {
        return given().port(port).auth().preemptive().basic(user, password);
    }

    RequestSpecification anonymous() {
        return given().port(port);
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left behind. */
    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM: a normal stop. */
    boolean stop() throws InterruptedException {
        return process.stop(Duration.ofSeconds(60));
    }

    String output() {
        return process.output();
    }

    /** The pid of the embedded PostgreSQL on the data directory, from its postmaster.pid (-1 when none). */
    long postmasterPid() throws IOException {
        Path pid = dataDir.resolve("pg/postmaster.pid");
        return Files.exists(pid) ? Long.parseLong(Files.readAllLines(pid).get(0).trim()) : -1;
    }

    /** A number read straight from the service's database, with its generated password. */
    long count(String sql) throws IOException, SQLException {
        Path pg = dataDir.resolve("pg");
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", Files.readString(pg.resolve("drgaudit-db-password")).strip());
        String dbPort = Files.readAllLines(pg.resolve("postmaster.pid")).get(3).trim();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop();
        }
    }
}
