import Foundation
import Money
import Policy
import Registry
import Settlement
import Store

/// The settlement center as hospitals and pharmacies see it: one JSON envelope in, one
/// out, for every transaction of the national interface (国家医保接口).
///
/// It never throws: every failure is an answer with `infcode` -1 and an `err_msg` that
/// names the field and the value, and nothing of a refused call is stored.
///
/// ```swift
/// let interface = NationalInterface(store: store, engine: SettlementEngine(region: region))
/// let answer = await interface.handle(body: Array(requestJSON.utf8))
/// ```
public final class NationalInterface: Sendable {
  public let store: Store
  public let engine: SettlementEngine
  let clock: @Sendable () -> Date

  public init(store: Store, engine: SettlementEngine, clock: @escaping @Sendable () -> Date = Date.init) {
    self.store = store
    self.engine = engine
    self.clock = clock
  }

  /// Answers one request body with one response body.
  public func handle(body: [UInt8], transactionHint: String? = nil) async -> [UInt8] {
    await respond(body: body, transactionHint: transactionHint).json.rendered()
  }

  public func respond(body: [UInt8], transactionHint: String? = nil) async -> InterfaceResponse {
    let received = clock()
    let referenceID = referenceMessageID(at: received)
    do {
      let request = try InterfaceRequest(body: body)
      if let transactionHint, request.transaction != transactionHint {
        throw InterfaceError.field("infno", request.infno, "与接口地址对应的交易\(transactionHint)不一致")
      }
      let output = try await dispatch(request)
      return InterfaceResponse(
        output: output, referenceMessageID: referenceID, receivedAt: Self.stamp(received),
        respondedAt: Self.stamp(clock()))
    } catch let error as InterfaceError {
      return failure(error, referenceID, received)
    } catch let error as SettlementError {
      return failure(InterfaceError(error.description), referenceID, received)
    } catch {
      return failure(InterfaceError("系统处理失败：\(error)"), referenceID, received)
    }
  }

  private func failure(_ error: InterfaceError, _ referenceID: String, _ received: Date) -> InterfaceResponse {
    InterfaceResponse(
      error: error, referenceMessageID: referenceID, receivedAt: Self.stamp(received), respondedAt: Self.stamp(clock()))
  }

  func dispatch(_ request: InterfaceRequest) async throws -> JSONValue {
    switch request.transaction {
    case "9001": return try await signIn(request)
    case "9002": return try await signOut(request)
    case "1101": return try await personInfo(request)
    case "2201": return try await registerOutpatient(request)
    case "2202": return try await cancelRegistration(request)
    case "2203": return try await uploadOutpatientVisit(request)
    case "2204": return try await uploadFees(request, kind: .outpatient)
    case "2205": return try await withdrawFees(request, kind: .outpatient)
    case "2206": return try await settleVisit(request, kind: .outpatient, commit: false)
    case "2207": return try await settleVisit(request, kind: .outpatient, commit: true)
    case "2208": return try await cancelSettlement(request, kind: .outpatient)
    case "2401": return try await admit(request)
    case "2402": return try await discharge(request)
    case "2404": return try await cancelAdmission(request)
    case "2405": return try await cancelDischarge(request)
    case "2301": return try await uploadFees(request, kind: .inpatient)
    case "2302": return try await withdrawFees(request, kind: .inpatient)
    case "2303": return try await settleVisit(request, kind: .inpatient, commit: false)
    case "2304": return try await settleVisit(request, kind: .inpatient, commit: true)
    case "2305": return try await cancelSettlement(request, kind: .inpatient)
    case "2101": return try await settlePharmacy(request, commit: false)
    case "2102": return try await settlePharmacy(request, commit: true)
    case "2103": return try await cancelPharmacy(request)
    default: throw InterfaceError.field("infno", request.infno, "本中心不支持该交易")
    }
  }

  /// The institution of the envelope, which must be known.
  func institution(of request: InterfaceRequest) throws(InterfaceError) -> Institution {
    guard let code = request.institutionCode else { throw InterfaceError("缺少定点医药机构编号 fixmedins_code") }
    guard let institution = store.institution(code: code) else {
      throw .field("fixmedins_code", code, "定点医药机构不存在")
    }
    return institution
  }

  /// `inf_refmsgid`: receiver admdvs + yyyyMMddHHmmss + 10-digit serial.
  func referenceMessageID(at date: Date) -> String {
    let serial = String(UInt64.random(in: 0..<10_000_000_000))
    return engine.region.code + Self.compactTime(date) + String(repeating: "0", count: 10 - serial.count) + serial
  }

  static let utc8 = TimeZone(secondsFromGMT: 8 * 3600)!

  /// `yyyyMMddHHmmssSSS` in China Standard Time.
  static func stamp(_ date: Date) -> String {
    let millis = Int((date.timeIntervalSince1970 * 1000).truncatingRemainder(dividingBy: 1000))
    let text = String(millis)
    return compactTime(date) + String(repeating: "0", count: 3 - text.count) + text
  }

  static func compactTime(_ date: Date) -> String {
    let c = Calendar(identifier: .gregorian).dateComponents(in: utc8, from: date)
    return String(
      format: "%04d%02d%02d%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
      c.second ?? 0)
  }

  /// `yyyy-MM-dd HH:mm:ss` in China Standard Time.
  func now() -> String {
    let c = Calendar(identifier: .gregorian).dateComponents(in: Self.utc8, from: clock())
    return String(
      format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
      c.second ?? 0)
  }

  func today() -> Day { (try? Day(now())) ?? Day(year: 2021, month: 1, day: 1)! }
}
