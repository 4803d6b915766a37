package io.annals.p2p.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Secp256k1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyTest {
    @TempDir Path dataDir;

    @Test
    void keyIsCreatedOnFirstStartAndKeptAfterwards() throws Exception {
        NodeKey first = NodeKey.loadOrCreate(dataDir.resolve("node"), new SecureRandom());
        NodeKey again = NodeKey.loadOrCreate(dataDir.resolve("node"), new SecureRandom());

        Path file = dataDir.resolve("node").resolve(NodeKey.FILE_NAME);
        assertThat(again.nodeId()).isEqualTo(first.nodeId());
        assertThat(Files.readString(file).trim()).hasSize(64).matches("[0-9a-f]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(first.nodeId()).isEqualTo(Secp256k1.publicKeyOf(first.privateKey()));
    }

    @Test
    void corruptKeyFileIsAClearError() throws Exception {
        Files.writeString(dataDir.resolve(NodeKey.FILE_NAME), "not a key");

        assertThatThrownBy(() -> NodeKey.loadOrCreate(dataDir, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NodeKey.FILE_NAME);
    }

    @Test
    void zeroKeyIsRefused() {
        assertThatThrownBy(() -> NodeKey.fromPrivateKey(new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
