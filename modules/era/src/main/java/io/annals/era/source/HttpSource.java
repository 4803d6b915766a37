package io.annals.era.source;

import io.annals.core.era.EraFileName;
import io.annals.core.util.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Era files on an HTTP mirror: the listing comes from {@code checksums.txt} and from the links of
 * the index page (an autoindex, as the public mirrors serve), a file is downloaded into the work
 * directory with its SHA-256 computed on the way. Every response is bounded: the index and the
 * checksums in size, a file by {@link Settings#maxFileBytes}, and a download that receives nothing
 * for {@link Settings#idleTimeout} is abandoned.
 */
public final class HttpSource implements EraSource {
    private static final int MAX_INDEX_BYTES = 16 << 20;
    private static final Pattern LINK = Pattern.compile("href\\s*=\\s*\"([^\"]+)\"");

    /** How the mirror is reached. */
    public record Settings(
            Duration connectTimeout, Duration idleTimeout, long maxFileBytes, int attempts) {
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60), 8L << 30, 3);

        public Settings {
            if (attempts < 1 || maxFileBytes < 1) {
                throw new IllegalArgumentException("attempts and max file size must be positive");
            }
        }
    }

    private final URI base;
    private final Settings settings;
    private final HttpClient client;

    HttpSource(URI base, Settings settings) {
        this.base = base;
        this.settings = settings;
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    @Override
    public List<EraListing> list() throws IOException {
        Optional<String> checksumText = getText(base.resolve(Checksums.FILE_NAME));
        Map<String, String> checksums = checksumText.map(Checksums::parse).orElse(Map.of());
        Map<String, EraListing> out = new LinkedHashMap<>();
        Optional<String> index = getText(base);
        if (index.isEmpty() && checksumText.isEmpty()) {
            throw new IOException("no index page and no " + Checksums.FILE_NAME + " at " + base);
        }
        List<String> names = new ArrayList<>(checksums.keySet());
        index.ifPresent(page -> names.addAll(links(page)));
        for (String name : names) {
            EraFileName.parse(name)
                    .ifPresent(
                            parsed ->
                                    out.putIfAbsent(
                                            name,
                                            new EraListing(
                                                    name,
                                                    parsed,
                                                    Optional.ofNullable(checksums.get(name)))));
        }
        return List.copyOf(out.values());
    }

    /** The era file names an index page links to (relative links, any directory prefix cut). */
    static List<String> links(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(page);
        while (m.find()) {
            String target = m.group(1);
            int query = target.indexOf('?');
            if (query >= 0) {
                target = target.substring(0, query);
            }
            out.add(target.substring(target.lastIndexOf('/') + 1));
        }
        return out;
    }

    @Override
    public FetchedFile fetch(EraListing listing, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        IOException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                return download(listing.fileName(), workDir);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException(
                "downloading "
                        + base.resolve(listing.fileName())
                        + " failed "
                        + settings.attempts()
                        + " times: "
                        + last.getMessage(),
                last);
    }

    private FetchedFile download(String name, Path workDir) throws IOException {
        URI uri = base.resolve(name);
        Path partial = workDir.resolve(name + ".part");
        Path done = workDir.resolve(name);
        MessageDigest sha = sha256();
        HttpResponse<InputStream> response = send(uri);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("content-length").orElse(-1);
            if (declared > settings.maxFileBytes()) {
                throw new IOException(
                        uri + " is " + declared + " bytes, more than " + settings.maxFileBytes());
            }
            copyWatched(body, partial, sha, uri);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, done, StandardCopyOption.REPLACE_EXISTING);
        return new FetchedFile(done, Optional.of(Hex.encode(sha.digest())), true);
    }

    /** Copies {@code body} to {@code target}, closing it when nothing arrives for a while. */
    private void copyWatched(InputStream body, Path target, MessageDigest sha, URI uri)
            throws IOException {
        AtomicLong lastRead = new AtomicLong(System.nanoTime());
        ScheduledExecutorService watchdog =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "era-download-watchdog");
                            t.setDaemon(true);
                            return t;
                        });
        long idle = settings.idleTimeout().toNanos();
        boolean[] timedOut = {false};
        ScheduledFuture<?> check =
                watchdog.scheduleWithFixedDelay(
                        () -> {
                            if (System.nanoTime() - lastRead.get() > idle) {
                                timedOut[0] = true;
                                try {
                                    body.close();
                                } catch (IOException ignored) {
                                    // the reader sees the stream end and reports the time-out
                                }
                            }
                        },
                        Math.max(1, idle / 4),
                        Math.max(1, idle / 4),
                        TimeUnit.NANOSECONDS);
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = body.read(buffer)) >= 0) {
                lastRead.set(System.nanoTime());
                total += n;
                if (total > settings.maxFileBytes()) {
                    throw new IOException(
                            uri + " is larger than " + settings.maxFileBytes() + " bytes");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (timedOut[0]) {
                throw new IOException(
                        uri + ": nothing received for " + settings.idleTimeout().toSeconds() + " s",
                        e);
            }
            throw e;
        } finally {
            check.cancel(false);
            watchdog.shutdownNow();
        }
        if (timedOut[0]) {
            throw new IOException(
                    uri + ": nothing received for " + settings.idleTimeout().toSeconds() + " s");
        }
    }

    private Optional<String> getText(URI uri) throws IOException {
        HttpResponse<InputStream> response = send(uri);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_INDEX_BYTES + 1);
            if (bytes.length > MAX_INDEX_BYTES) {
                throw new IOException(uri + " is larger than " + MAX_INDEX_BYTES + " bytes");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(settings.idleTimeout()).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + uri);
        }
    }

    @Override
    public String describe() {
        return base.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
