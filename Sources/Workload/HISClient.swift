import AsyncHTTPClient
import Foundation
import NIOCore
import NationalInterface
import Synchronization

/// A simulated hospital information system (HIS): signs its requests as the provincial
/// gateway expects, signs in with 9001 and numbers its messages like a real client.
///
/// ```swift
/// let his = HISClient(http: http, baseURL: "http://127.0.0.1:8080", institution: "H37040200002",
///                     secret: "demo-H37040200002")
/// try await his.signIn()
/// let answer = try await his.call("1101", ["data": ["mdtrt_cert_type": "02", "mdtrt_cert_no": certno]])
/// ```
public final class HISClient: Sendable {
  let transport: Transport
  public let institution: String
  let secret: String?
  private let state = Mutex(State())

  struct State {
    var signNumber: String?
  }

  /// The message sequence of each institution, shared by every client of it in this process,
  /// so that two cashiers of one hospital never send the same msgid.
  static let sequences = Mutex<[String: Int]>([:])

  /// How requests travel: a pooled HTTP client, or one connection of its own.
  enum Transport: Sendable {
    case pooled(HTTPClient, url: String)
    case connection(LoopbackConnection)
  }

  static let path = "/fsi/api/rsfComIfsService/callService"

  public init(http: HTTPClient, baseURL: String, institution: String, secret: String?) {
    self.transport = .pooled(http, url: baseURL + Self.path)
    self.institution = institution
    self.secret = secret
  }

  /// A client with a keep-alive connection of its own (the benchmark's).
  public init(connection: LoopbackConnection, institution: String, secret: String?) {
    self.transport = .connection(connection)
    self.institution = institution
    self.secret = secret
  }

  /// Where a task that drives this client best runs: its own connection's event loop, if it has one.
  public var executor: (any TaskExecutor)? {
    if case .connection(let connection) = transport { connection.executor } else { nil }
  }

  /// Closes its own connection, if it has one.
  public func close() async {
    if case .connection(let connection) = transport { try? await connection.close() }
  }

  public func signIn() async throws {
    let output = try await call("9001", ["signIn": ["opter_no": "001", "mac": "00-00-00-00-00-00", "ip": "127.0.0.1"]])
    guard let number = output["signinoutb"]["sign_no"].text else { throw WorkloadError("9001", "no sign_no") }
    state.withLock { $0.signNumber = number }
  }

  /// The `sign_no` of the last 9001.
  public var signNumber: String? { state.withLock { $0.signNumber } }

  /// Sends later calls with this `sign_no` (a client that reuses a number from elsewhere).
  public func adopt(signNumber: String) { state.withLock { $0.signNumber = signNumber } }

  /// A new msgid: institution + yyyyMMddHHmmss + a 4-digit sequence.
  public func nextMessageID() -> String {
    let sequence = Self.sequences.withLock { sequences -> Int in
      let next = ((sequences[institution] ?? 0) + 1) % 10_000
      sequences[institution] = next
      return next
    }
    let digits = String(sequence)
    return institution + Self.compactNow() + String(repeating: "0", count: 4 - digits.count) + digits
  }

  /// Sends one transaction; answers `output`, or throws the refusal.
  public func call(_ infno: String, _ input: JSONValue, messageID: String? = nil) async throws -> JSONValue {
    try Self.output(of: try await exchange(infno, input, messageID: messageID), infno)
  }

  /// Sends one transaction whose output the caller does not need; throws the refusal. An
  /// answer that opens with `{"infcode":0,` succeeded and is not read further (a fee upload's
  /// answer is a few KB that the benchmark would otherwise parse only to drop).
  public func send(_ infno: String, _ input: JSONValue) async throws {
    let answer = try await transmit(infno, input, messageID: nil)
    guard !answer.starts(with: Self.successPrefix) else { return }
    _ = try Self.output(of: try JSONValue.parse(answer), infno)
  }

  static let successPrefix = Array(#"{"infcode":0,"#.utf8)

  /// The `output` of a successful answer, or the refusal thrown.
  static func output(of answer: JSONValue, _ infno: String) throws -> JSONValue {
    guard answer["infcode"] == .number("0") else { throw WorkloadError(infno, answer["err_msg"].text ?? "infcode ≠ 0") }
    return answer["output"]
  }

  /// Sends one transaction and answers the whole response envelope.
  public func exchange(_ infno: String, _ input: JSONValue, messageID: String? = nil) async throws -> JSONValue {
    try JSONValue.parse(try await transmit(infno, input, messageID: messageID))
  }

  /// Sends one transaction and answers the response body as it came.
  func transmit(_ infno: String, _ input: JSONValue, messageID: String?) async throws -> [UInt8] {
    let signNumber = state.withLock { $0.signNumber }
    let envelope: JSONValue = [
      "infno": .string(infno), "msgid": .string(messageID ?? nextMessageID()), "mdtrtarea_admvs": "370400",
      "insuplc_admdvs": "370400", "recer_sys_code": "YBXT", "dev_no": nil, "dev_safe_info": nil, "cainfo": "",
      "signtype": "", "infver": "V1.0", "opter_type": "1", "opter": "001", "opter_name": "收费员",
      "inf_time": .string(Self.compactNow()), "fixmedins_code": .string(institution), "fixmedins_name": nil,
      "sign_no": signNumber.map(JSONValue.string) ?? .null, "input": input,
    ]
    var headers: [(String, String)] = []
    if let secret {
      let timestamp = String(Int(Date().timeIntervalSince1970))
      let nonce = String(UInt64.random(in: 0...UInt64.max), radix: 16)
      headers = [
        ("x-tif-paasid", institution), ("x-tif-timestamp", timestamp), ("x-tif-nonce", nonce),
        ("x-tif-signature", GatewayAuthentication.signature(timestamp: timestamp, secret: secret, nonce: nonce)),
      ]
    }
    let body = envelope.rendered()
    switch transport {
    case .pooled(let http, let url):
      var request = HTTPClientRequest(url: url)
      request.method = .POST
      request.headers.add(name: "content-type", value: "application/json")
      for (name, value) in headers { request.headers.add(name: name, value: value) }
      request.body = .bytes(ByteBuffer(bytes: body))
      let response = try await http.execute(request, timeout: .seconds(60))
      return Array(try await response.body.collect(upTo: 64 << 20).readableBytesView)
    case .connection(let connection):
      return try await connection.post(Self.path, headers: headers, body: body)
    }
  }

  static func compactNow() -> String { ChinaTime.compact(Date()) }
}

/// A refusal or a malformed answer met by a simulated client.
public struct WorkloadError: Error, CustomStringConvertible {
  public let transaction: String
  public let message: String
  public init(_ transaction: String, _ message: String) {
    self.transaction = transaction
    self.message = message
  }
  public var description: String { "\(transaction): \(message)" }
}
