import Crypto
import Foundation
import Synchronization

/// The provincial gateway's check of each request: `x-tif-paasid` (the institution),
/// `x-tif-timestamp` (unix seconds, at most five minutes off), `x-tif-nonce` (never seen
/// again) and `x-tif-signature` = hex(SHA-256(timestamp + secret + nonce + timestamp)).
///
/// ```swift
/// let gateway = GatewayAuthentication()
/// try gateway.check(headers, institution: "H37040200001", secret: secret, now: Date())
/// ```
public final class GatewayAuthentication: Sendable {
  /// How far a timestamp may be from the server's clock.
  public let allowedSkew: TimeInterval
  private let seenNonces = Mutex<[String: TimeInterval]>([:])

  public init(allowedSkew: TimeInterval = 300) { self.allowedSkew = allowedSkew }

  /// The four gateway headers, as received.
  public struct Headers: Sendable {
    public var paasID: String?
    public var timestamp: String?
    public var nonce: String?
    public var signature: String?

    public init(paasID: String? = nil, timestamp: String? = nil, nonce: String? = nil, signature: String? = nil) {
      self.paasID = paasID
      self.timestamp = timestamp
      self.nonce = nonce
      self.signature = signature
    }
  }

  public static func signature(timestamp: String, secret: String, nonce: String) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in SHA256.hash(data: Data((timestamp + secret + nonce + timestamp).utf8)) {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: hex, as: UTF8.self)
  }

  func check(_ headers: Headers, institution: String, secret: String?, now: Date) throws(InterfaceError) {
    guard let paasID = headers.paasID, let timestamp = headers.timestamp, let nonce = headers.nonce,
      let signature = headers.signature
    else { throw InterfaceError("缺少网关认证头 x-tif-paasid、x-tif-timestamp、x-tif-nonce、x-tif-signature") }
    guard paasID == institution else {
      throw .field("x-tif-paasid", paasID, "与报文中的定点医药机构编号\(institution)不一致")
    }
    guard let secret else { throw .field("x-tif-paasid", paasID, "该机构未配置接口密钥") }
    guard let seconds = TimeInterval(timestamp), abs(seconds - now.timeIntervalSince1970) <= allowedSkew else {
      throw .field("x-tif-timestamp", timestamp, "时间戳与服务器时间相差超过\(Int(allowedSkew))秒")
    }
    guard Self.signature(timestamp: timestamp, secret: secret, nonce: nonce) == signature.lowercased() else {
      throw .field("x-tif-signature", signature, "签名错误")
    }
    let key = paasID + "|" + nonce
    let fresh = seenNonces.withLock { seen -> Bool in
      let horizon = now.timeIntervalSince1970 - 2 * allowedSkew
      if seen.count > 100_000 { seen = seen.filter { $0.value > horizon } }
      if let at = seen[key], at > horizon { return false }
      seen[key] = now.timeIntervalSince1970
      return true
    }
    guard fresh else { throw .field("x-tif-nonce", nonce, "随机数已使用过（重放请求）") }
  }
}
