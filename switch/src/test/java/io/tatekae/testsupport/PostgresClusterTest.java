package io.tatekae.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {
    @Test
    void startsCreatesADatabaseSurvivesARestartAndCleansUp() throws SQLException {
        Path root;
        try (PostgresCluster cluster = PostgresCluster.start15()) {
            String url = cluster.createDatabase("cluster_test");
            try (Connection c = DriverManager.getConnection(url, cluster.user(), cluster.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v INT)");
                s.execute("INSERT INTO t VALUES (42)");
                try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                    rs.next();
                    assertEquals(15, rs.getInt(1) / 10000);
                }
            }
            cluster.stop();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, cluster.user(), cluster.password()).close());
            cluster.start();
            try (Connection c = DriverManager.getConnection(url, cluster.user(), cluster.password());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM t")) {
                rs.next();
                assertEquals(42, rs.getInt(1));
            }
            root = cluster.root();
            assertTrue(Files.isDirectory(root.resolve("data")));
        }
        // Its own folder only: other test runs on this machine may have clusters of their own in the temp folder.
        assertFalse(Files.exists(root), "the cluster's folder is deleted on close");
    }
}
