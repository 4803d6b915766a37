package io.annals.p2p.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small authoritative name server on UDP that answers TXT queries from a zone held in memory: how
 * the devnet publishes its peers as an EIP-1459 tree, and how tests serve one from 127.0.0.1. Other
 * names and types answer NXDOMAIN. Built on Netty's DNS codec.
 */
public final class TxtServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final Map<String, String> zone = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();

    private TxtServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    public static TxtServer start(String host, int port) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        TxtServer[] self = new TxtServer[1];
        Channel channel =
                new Bootstrap()
                        .group(group)
                        .channel(NioDatagramChannel.class)
                        .handler(
                                new ChannelInitializer<NioDatagramChannel>() {
                                    @Override
                                    protected void initChannel(NioDatagramChannel ch) {
                                        ch.pipeline()
                                                .addLast(new DatagramDnsQueryDecoder())
                                                .addLast(new DatagramDnsResponseEncoder())
                                                .addLast(new Answerer(() -> self[0]));
                                    }
                                })
                        .bind(host, port)
                        .syncUninterruptibly()
                        .channel();
        self[0] = new TxtServer(group, channel);
        return self[0];
    }

    /** Replaces the records under {@code domain} (and its subdomains) by {@code records}. */
    public void publish(String domain, Map<String, String> records) {
        String suffix = "." + normalize(domain);
        zone.keySet().removeIf(name -> name.equals(normalize(domain)) || name.endsWith(suffix));
        records.forEach((name, text) -> zone.put(normalize(name), text));
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Queries answered so far. */
    public long queries() {
        return queries.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** TXT character strings hold at most 255 bytes each. */
    private static ByteBuf characterStrings(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuf out = Unpooled.buffer(bytes.length + bytes.length / 255 + 1);
        for (int at = 0; at < bytes.length || at == 0; at += 255) {
            int length = Math.min(255, bytes.length - at);
            out.writeByte(length);
            out.writeBytes(bytes, at, length);
            if (bytes.length == 0) {
                break;
            }
        }
        return out;
    }

    private static final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        private final java.util.function.Supplier<TxtServer> server;

        Answerer(java.util.function.Supplier<TxtServer> server) {
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            TxtServer self = server.get();
            DatagramDnsResponse response =
                    new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true);
            response.setRecursionDesired(query.isRecursionDesired());
            if (query.count(DnsSection.QUESTION) == 0) {
                response.setCode(DnsResponseCode.FORMERR);
                ctx.writeAndFlush(response);
                return;
            }
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            response.addRecord(DnsSection.QUESTION, question);
            String text = self == null ? null : self.zone.get(normalize(question.name()));
            if (self != null) {
                self.queries.incrementAndGet();
            }
            if (text != null && question.type() == DnsRecordType.TXT) {
                response.addRecord(
                        DnsSection.ANSWER,
                        new DefaultDnsRawRecord(
                                question.name(), DnsRecordType.TXT, 60, characterStrings(text)));
            } else {
                response.setCode(DnsResponseCode.NXDOMAIN);
            }
            ctx.writeAndFlush(response);
        }
    }
}
