package io.annals.era;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/js/era1.mjs, which drives @ethereumjs/e2store 10.0.0 (pinned in its package-lock;
 * {@code npm ci} there, which .ci/run does). A missing Node.js or install fails the test and says
 * how to fix it.
 */
final class EthereumJsEra1 {
    private static final Path DIR = Path.of("src", "test", "js").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private EthereumJsEra1() {}

    /** What the script read from an era1 file. */
    static JsonNode read(Path file) throws IOException, InterruptedException {
        return JSON.readTree(run("read", file.toString()));
    }

    /** Writes {@code blocks} (header, body, receipts hex; total difficulty) with formatEra1. */
    static void write(long epoch, List<Block> blocks, Path out, Path work)
            throws IOException, InterruptedException {
        var input = JSON.createObjectNode();
        input.put("epoch", epoch);
        var array = input.putArray("blocks");
        for (Block block : blocks) {
            array.addObject()
                    .put("header", block.header())
                    .put("body", block.body())
                    .put("receipts", block.receipts())
                    .put("totalDifficulty", block.totalDifficulty());
        }
        Path json = work.resolve("blocks.json");
        Files.writeString(json, JSON.writeValueAsString(input));
        run("write", json.toString(), out.toString());
    }

    record Block(String header, String body, String receipts, String totalDifficulty) {}

    private static String run(String... args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(DIR.resolve("node_modules/@ethereumjs/e2store/package.json"))) {
            throw new AssertionError(
                    "@ethereumjs/e2store is not installed in "
                            + DIR
                            + ": run `npm ci` there (.ci/run does it before `mvn -B verify`)");
        }
        List<String> command = new ArrayList<>(List.of("node", "era1.mjs"));
        command.addAll(List.of(args));
        Process process;
        try {
            process =
                    new ProcessBuilder(command)
                            .directory(DIR.toFile())
                            .redirectErrorStream(false)
                            .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "Node.js is not installed (no `node` on PATH): this test needs it and `npm ci` in "
                            + DIR,
                    e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new AssertionError("era1.mjs " + String.join(" ", args) + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
