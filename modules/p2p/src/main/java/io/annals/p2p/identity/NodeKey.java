package io.annals.p2p.identity;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The node's static secp256k1 identity (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#node-identity">rlpx.md, Node
 * Identity</a>). It is created on first start and kept in {@code <data-dir>/nodekey} as 64 hex
 * digits, readable by the owner only (0600), so that the node id survives restarts. Deleting the
 * file resets it.
 */
public final class NodeKey {
    public static final String FILE_NAME = "nodekey";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");

    private final byte[] privateKey;
    private final byte[] nodeId;

    private NodeKey(byte[] privateKey) {
        this.privateKey = privateKey.clone();
        this.nodeId = Secp256k1.publicKeyOf(privateKey);
    }

    public static NodeKey generate(SecureRandom random) {
        return new NodeKey(Secp256k1.generatePrivateKey(random));
    }

    /**
     * @throws IllegalArgumentException unless the key is 32 bytes in [1, n)
     */
    public static NodeKey fromPrivateKey(byte[] privateKey) {
        if (privateKey.length != Secp256k1.PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException("a node key is 32 bytes, got " + privateKey.length);
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(Secp256k1.order()) >= 0) {
            throw new IllegalArgumentException("node key is outside the secp256k1 scalar range");
        }
        return new NodeKey(privateKey);
    }

    /**
     * Reads {@code dataDir/nodekey}, or creates it with a fresh key (mode 0600, written to a
     * temporary file and moved into place so that a crash never leaves half a key).
     *
     * @throws IllegalStateException when the file exists but does not hold a valid key
     */
    public static NodeKey loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(dataDir);
            NodeKey key = generate(random);
            Path temp = createOwnerOnly(dataDir.resolve(FILE_NAME + ".tmp"));
            Files.writeString(temp, Hex.encode(key.privateKey) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
                return read(file);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node key " + file, e);
        }
    }

    private static NodeKey read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            return fromPrivateKey(Hex.decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "node key file " + file + " does not hold a valid key: " + e.getMessage(), e);
        }
    }

    private static Path createOwnerOnly(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> mode =
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            return Files.createFile(path, mode);
        }
        return Files.createFile(path);
    }

    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The public key, 64 bytes: the node id that peers know us by. */
    public byte[] nodeId() {
        return nodeId.clone();
    }

    public String nodeIdHex() {
        return Hex.encode(nodeId);
    }

    @Override
    public String toString() {
        return "NodeKey[" + nodeIdHex().substring(0, 16) + "…]";
    }
}
