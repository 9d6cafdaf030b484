package io.localdrop.it.diagnose;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real Netty 4.1 HTTP server whose application handler runs on a {@code DefaultEventExecutorGroup} (pool
 * {@code executor-group}: each read handed to an executor thread as a task, the usual way to keep blocking work off
 * the event loop, a pool the agent knows by no name) or on the I/O {@code event-loop} itself, serving
 * {@link SignedInUser} {@code leaky} or {@code correct}, driven by {@link KeepAliveClient}; or ({@code epoll}) on the
 * I/O event loop of the epoll transport, Reactor Netty's default on Linux, where a handler runs between the loop's
 * queued tasks, driven by {@link KeepAliveClient#driveClosing} (a connection per request: the loop registers each new
 * connection in a task of its own); or ({@code epoll-keep-alive}) the same loop driven by {@link KeepAliveClient#drive}:
 * one connection, whose requests come as reads with no queued task between them, each read a task of its own only
 * through the agent's boundary on the epoll stream channel's read event.
 * Args: api(unused) pool variant rounds.
 */
public final class NettyRequestsFixture {
    private NettyRequestsFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = args[2].equals("leaky");
        boolean keepAliveOnEpoll = args[1].equals("epoll-keep-alive");
        boolean epoll = keepAliveOnEpoll || args[1].equals("epoll");
        boolean onEventLoop = epoll || args[1].equals("event-loop");
        int rounds = Integer.parseInt(args[3]);
        EventLoopGroup boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventLoopGroup io = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        EventExecutorGroup application = new DefaultEventExecutorGroup(2);
        try {
            Channel channel = new ServerBootstrap().group(boss, io)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536));
                            if (onEventLoop) {
                                channel.pipeline().addLast(new UserHandler(leaky));
                            } else {
                                channel.pipeline().addLast(application, new UserHandler(leaky));
                            }
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) channel.localAddress()).getPort();
            if (epoll && !keepAliveOnEpoll) {
                KeepAliveClient.driveClosing(port, rounds);
            } else {
                KeepAliveClient.drive(port, rounds);
            }
            channel.close().sync();
        } finally {
            application.shutdownGracefully().sync();
            io.shutdownGracefully().sync();
            boss.shutdownGracefully().sync();
        }
        System.out.println("served by netty");
    }

    static final class UserHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final boolean leaky;

        UserHandler(boolean leaky) {
            this.leaky = leaky;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String query = uri.parameters().containsKey("user") ? "user=" + uri.parameters().get("user").get(0) : null;
            String text = SignedInUser.answer(uri.path(), query, leaky);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                context.writeAndFlush(response);
            } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
