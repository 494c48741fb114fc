import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NationalInterface

/// The HTTP face of the settlement center (Hummingbird).
///
/// `POST /fsi/api/rsfComIfsService/callService` takes every transaction (its `infno`
/// decides); provinces that expose one path per transaction
/// (`/fsi/api/outpatientSettleService/saveSettletmentV2` …) are served by the same
/// handler. `GET /health` answers `ok`.
///
/// ```swift
/// let app = InterfaceRoutes.application(interface: interface, host: "127.0.0.1", port: 8080)
/// try await app.runService()
/// ```
public enum InterfaceRoutes {
  /// The largest request body accepted (a 2301 upload of a long stay is a few MB).
  public static let maximumBody = 32 * 1024 * 1024

  public static func router(interface: NationalInterface) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("/health") { _, _ in "ok" }
    let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
      let buffer = try await request.body.collect(upTo: maximumBody)
      let headers = GatewayAuthentication.Headers(
        paasID: request.headers[GatewayField.paasID], timestamp: request.headers[GatewayField.timestamp],
        nonce: request.headers[GatewayField.nonce], signature: request.headers[GatewayField.signature])
      let answer = await interface.handle(body: Array(buffer.readableBytesView), headers: headers)
      return Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
    }
    router.post("/fsi/api/rsfComIfsService/callService", use: handler)
    router.post("/fsi/api/:service/:method", use: handler)
    return router
  }

  /// The gateway's headers (网关认证头), named once rather than per request.
  enum GatewayField {
    static let paasID = HTTPField.Name("x-tif-paasid")!
    static let timestamp = HTTPField.Name("x-tif-timestamp")!
    static let nonce = HTTPField.Name("x-tif-nonce")!
    static let signature = HTTPField.Name("x-tif-signature")!
  }

  public static func application(
    interface: NationalInterface, host: String, port: Int, logger: Logger = Logger(label: "yibao")
  ) -> some ApplicationProtocol {
    Application(
      router: router(interface: interface),
      configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "yibao"),
      logger: logger)
  }
}
