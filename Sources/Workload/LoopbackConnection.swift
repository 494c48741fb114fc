import NIOCore
import NIOHTTP1
import NIOPosix
import Store

/// One keep-alive HTTP/1.1 connection to the settlement center, one request at a time: what
/// a cashier's workstation holds. The benchmark uses it instead of a pooled client, whose
/// bookkeeping would otherwise take a good share of the two cores the server is measured on.
///
/// ```swift
/// let connection = try await LoopbackConnection.connect(host: "127.0.0.1", port: 8080)
/// let answer = try await connection.post("/fsi/api/rsfComIfsService/callService", headers: [], body: bytes)
/// ```
public final class LoopbackConnection: Sendable {
  private let channel: any Channel
  private let host: String

  init(channel: any Channel, host: String) {
    self.channel = channel
    self.host = host
  }

  public static func connect(host: String, port: Int) async throws -> LoopbackConnection {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .channelOption(.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
        }
      }
      .connect(host: host, port: port).get()
    return LoopbackConnection(channel: channel, host: "\(host):\(port)")
  }

  /// POSTs `body` to `path` and answers the response body; a status other than 200 throws.
  public func post(_ path: String, headers: [(String, String)], body: [UInt8]) async throws -> [UInt8] {
    var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
    head.headers.add(name: "host", value: host)
    head.headers.add(name: "content-type", value: "application/json")
    head.headers.add(name: "content-length", value: String(body.count))
    for (name, value) in headers { head.headers.add(name: name, value: value) }
    let promise = channel.eventLoop.makePromise(of: Exchange.Answer.self)
    channel.writeAndFlush(Exchange(head: head, body: ByteBuffer(bytes: body), answer: promise), promise: nil)
    let answer = try await promise.futureResult.get()
    guard answer.status == .ok else { throw WorkloadError("HTTP", "status \(answer.status.code)") }
    return Array(answer.body.readableBytesView)
  }

  public func close() async throws { try await channel.close() }

  /// Runs a task on the connection's own event loop: its requests are written and its
  /// answers resumed there, without a hop to the shared pool and back for each call.
  public var executor: EventLoopExecutor { EventLoopExecutor(channel.eventLoop) }
}

/// A request written to the channel with the promise of its answer.
struct Exchange: Sendable {
  struct Answer: Sendable {
    let status: HTTPResponseStatus
    let body: ByteBuffer
  }

  let head: HTTPRequestHead
  let body: ByteBuffer
  let answer: EventLoopPromise<Answer>
}

/// Pairs each response with the oldest request still waiting (HTTP/1.1 answers in order).
final class ExchangeHandler: ChannelDuplexHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundIn = Exchange
  typealias OutboundOut = HTTPClientRequestPart

  private var waiting: CircularBuffer<EventLoopPromise<Exchange.Answer>> = []
  private var status: HTTPResponseStatus = .ok
  private var body = ByteBuffer()

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let exchange = unwrapOutboundIn(data)
    waiting.append(exchange.answer)
    context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
    context.write(wrapOutboundOut(.end(nil)), promise: promise)
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      status = head.status
      body.clear()
    case .body(var part):
      body.writeBuffer(&part)
    case .end:
      waiting.popFirst()?.succeed(Exchange.Answer(status: status, body: body))
    }
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    failAll(error)
    context.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    failAll(ChannelError.ioOnClosedChannel)
    context.fireChannelInactive()
  }

  private func failAll(_ error: any Error) {
    while let promise = waiting.popFirst() { promise.fail(error) }
  }
}
