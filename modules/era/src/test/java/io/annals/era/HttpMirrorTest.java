package io.annals.era;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.annals.era.importer.EraImporter;
import io.annals.era.importer.ImportListener;
import io.annals.era.importer.ImportSummary;
import io.annals.era.source.EraListing;
import io.annals.era.source.EraSource;
import io.annals.era.source.HttpSource;
import io.annals.store.HistoryStore;
import io.annals.sync.chain.Checkpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror over real HTTP on 127.0.0.1: an autoindex page, checksums.txt, the files. */
class HttpMirrorTest {
    @TempDir Path dir;
    private HttpServer server;
    private Path served;
    private final AtomicInteger fileRequests = new AtomicInteger();

    @BeforeEach
    void serve() throws IOException {
        served = dir.resolve("mirror");
        Files.createDirectories(served);
        try (var listing = Files.list(EraFixture.smallExported())) {
            for (Path file : listing.toList()) {
                Files.copy(file, served.resolve(file.getFileName()));
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/era/",
                exchange -> {
                    String name = exchange.getRequestURI().getPath().substring("/era/".length());
                    byte[] body;
                    if (name.isEmpty()) {
                        String links;
                        try (var listing = Files.list(served)) {
                            links =
                                    listing.map(p -> p.getFileName().toString())
                                            .sorted()
                                            .map(n -> "<a href=\"" + n + "\">" + n + "</a><br>")
                                            .collect(Collectors.joining("\n"));
                        }
                        body =
                                ("<html><body><a href=\"../\">../</a>\n" + links + "</body></html>")
                                        .getBytes(StandardCharsets.UTF_8);
                    } else if (Files.isRegularFile(served.resolve(name))) {
                        if (!name.equals("checksums.txt")) {
                            fileRequests.incrementAndGet();
                        }
                        body = Files.readAllBytes(served.resolve(name));
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/era/";
    }

    private static HttpSource.Settings http() {
        return new HttpSource.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 1 << 30, 2);
    }

    @Test
    void listsTheIndexWithItsChecksumsAndImportsFromIt() throws Exception {
        EraSource source = EraSource.of(url(), http());
        List<EraListing> listings = source.list();
        assertThat(listings).hasSize(2);
        assertThat(listings).allMatch(l -> l.sha256().isPresent());
        try (HistoryStore store = store()) {
            ImportSummary summary = importer(store).run(source);
            assertThat(summary.refused()).isEmpty();
            assertThat(store.contiguousHead()).hasValue(EraFixture.SMALL_HEAD);
            assertThat(fileRequests.get()).isEqualTo(2);
            assertThat(summary.source()).isEqualTo(url());
            // downloads are removed once imported
            try (var left = Files.list(dir.resolve("work"))) {
                assertThat(left.toList()).isEmpty();
            }
        }
    }

    @Test
    void aDownloadThatDiffersFromTheMirrorsChecksumIsRefused() throws Exception {
        Path file;
        try (var listing = Files.list(served)) {
            file = listing.filter(p -> p.toString().endsWith(".era1")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        try (HistoryStore store = store()) {
            ImportSummary summary = importer(store).run(EraSource.of(url(), http()));
            assertThat(summary.refused())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.fileName()).isEqualTo(file.getFileName().toString());
                                assertThat(r.reason())
                                        .contains("SHA-256")
                                        .contains("checksums.txt");
                            });
        }
    }

    private HistoryStore store() {
        return HistoryStore.open(
                dir.resolve("store"),
                new io.annals.store.ChainIdentity(
                        EraFixture.SMALL_PARAMS.chainId(), EraFixture.small().spec().genesisHash()),
                io.annals.store.StoreSettings.defaults().withSyncWrites(false));
    }

    private EraImporter importer(HistoryStore store) {
        return new EraImporter(
                store,
                EraFixture.small().spec(),
                Checkpoints.NONE,
                ExportImportTest.settings(dir.resolve("work")).withKeepGoing(true),
                ImportListener.NONE);
    }
}
