package io.annals.p2p.netty;

import io.annals.p2p.dns.TxtResolver;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * TXT look-ups through Netty's DNS resolver, against the system's name servers or one given name
 * server (so a test, or a devnet, can serve a tree from 127.0.0.1). A TXT record's character
 * strings are joined, as EIP-1459 records longer than 255 bytes are split into several.
 */
public final class NettyTxtResolver implements TxtResolver, AutoCloseable {
    /** The most bytes read from one answer's TXT data. */
    private static final int MAX_TXT_BYTES = 4096;

    private final EventLoopGroup group;
    private final DnsNameResolver resolver;

    private NettyTxtResolver(EventLoopGroup group, DnsNameResolver resolver) {
        this.group = group;
        this.resolver = resolver;
    }

    /**
     * @param nameServer the one server to ask; empty for the system's resolvers
     */
    public static NettyTxtResolver create(
            Optional<InetSocketAddress> nameServer, Duration timeout) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        DnsNameResolver resolver =
                new DnsNameResolverBuilder(group.next())
                        .datagramChannelType(NioDatagramChannel.class)
                        .queryTimeoutMillis(timeout.toMillis())
                        .maxQueriesPerResolve(4)
                        .recursionDesired(true)
                        .nameServerProvider(
                                nameServer
                                        .<io.netty.resolver.dns.DnsServerAddressStreamProvider>map(
                                                SingletonDnsServerAddressStreamProvider::new)
                                        .orElseGet(
                                                DnsServerAddressStreamProviders::platformDefault))
                        .build();
        return new NettyTxtResolver(group, resolver);
    }

    /** Parses {@code host:port} (or a bare host, port 53). */
    public static InetSocketAddress parseNameServer(String text) {
        int colon = text.lastIndexOf(':');
        if (colon > 0 && text.indexOf(':') == colon) {
            return new InetSocketAddress(
                    text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        }
        return new InetSocketAddress(text, 53);
    }

    @Override
    public CompletableFuture<Optional<String>> txt(String name) {
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        resolver.query(new DefaultDnsQuestion(name, DnsRecordType.TXT))
                .addListener(
                        future -> {
                            if (!future.isSuccess()) {
                                result.completeExceptionally(future.cause());
                                return;
                            }
                            @SuppressWarnings("unchecked")
                            AddressedEnvelope<DnsResponse, InetSocketAddress> envelope =
                                    (AddressedEnvelope<DnsResponse, InetSocketAddress>)
                                            future.getNow();
                            try {
                                result.complete(read(envelope.content()));
                            } catch (RuntimeException e) {
                                result.completeExceptionally(e);
                            } finally {
                                envelope.release();
                            }
                        });
        return result;
    }

    private static Optional<String> read(DnsResponse response) {
        if (response.code() != DnsResponseCode.NOERROR) {
            return Optional.empty();
        }
        for (int i = 0; i < response.count(DnsSection.ANSWER); i++) {
            DnsRecord record = response.recordAt(DnsSection.ANSWER, i);
            if (record.type() == DnsRecordType.TXT && record instanceof DnsRawRecord raw) {
                return Optional.of(characterStrings(raw.content()));
            }
        }
        return Optional.empty();
    }

    /** TXT data: a sequence of (length byte, bytes) strings, joined. */
    private static String characterStrings(ByteBuf data) {
        StringBuilder out = new StringBuilder();
        int at = data.readerIndex();
        int end = Math.min(data.writerIndex(), at + MAX_TXT_BYTES);
        while (at < end) {
            int length = data.getUnsignedByte(at++);
            int take = Math.min(length, end - at);
            out.append(data.toString(at, take, StandardCharsets.US_ASCII));
            at += take;
        }
        return out.toString();
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
