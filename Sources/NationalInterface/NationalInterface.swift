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
  /// Nil: no gateway check and no `sign_no` check (`yibao serve --no-auth`).
  public let gateway: GatewayAuthentication?
  let clock: @Sendable () -> Date
  let messageLocks = KeyedLock()

  public init(
    store: Store, engine: SettlementEngine, gateway: GatewayAuthentication? = nil,
    clock: @escaping @Sendable () -> Date = Date.init
  ) {
    self.store = store
    self.engine = engine
    self.gateway = gateway
    self.clock = clock
  }

  /// Answers one request body with one response body.
  ///
  /// A request whose `msgid` this institution already sent gets the original answer again,
  /// and changes nothing (a double-click, a retry after a lost answer).
  public func handle(body: [UInt8], headers: GatewayAuthentication.Headers = .init()) async -> [UInt8] {
    let received = clock()
    let request: InterfaceRequest
    do {
      request = try InterfaceRequest(body: body)
      try authenticate(request, headers: headers, now: received)
    } catch {
      return failure(error, received).json.rendered()
    }
    guard let messageID = request.messageID, let institution = request.institutionCode else {
      return await respond(to: request, received: received).json.rendered()
    }
    // A 冲正 also holds its original message until it has committed: a repeat of the original
    // arriving meanwhile gets neither its old answer nor a second run before the undo is durable.
    var keys = [institution + "|" + messageID]
    if request.transaction == "2601", let original = request.input.node("data").string("omsgid") {
      keys.append(institution + "|" + original)
    }
    return await messageLocks.withLocks(keys) {
      let stored: StoredAnswer?
      do {
        stored = try await store.storedAnswer(institutionCode: institution, messageID: messageID)
      } catch {
        return failure(error, received).json.rendered()
      }
      if let stored {
        guard stored.transaction == request.transaction else {
          let error = InterfaceError.field(
            "msgid", messageID, "已用于交易\(stored.transaction)，不能再用于\(request.transaction)")
          return failure(error, received).json.rendered()
        }
        return stored.response
      }
      // The request's changes and its answer are committed together: answered means durable.
      let (response, unit) = await store.withUnitOfWork { await respond(to: request, received: received) }
      let bytes = response.json.rendered()
      // Only answers that changed something are kept: a refused call may be sent again once fixed.
      let answer =
        response.infcode == 0
        ? AnswerRow(
          institutionCode: institution, messageID: messageID, transaction: request.transaction, response: bytes)
        : nil
      do {
        try await store.commit(unit, answer: answer)
      } catch {
        return failure(error, received).json.rendered()
      }
      return bytes
    }
  }

  func respond(to request: InterfaceRequest, received: Date) async -> InterfaceResponse {
    do {
      let output = try await dispatch(request)
      return InterfaceResponse(
        output: output, referenceMessageID: referenceMessageID(at: received), receivedAt: ChinaTime.stamp(received),
        respondedAt: ChinaTime.stamp(clock()))
    } catch {
      return failure(error, received)
    }
  }

  func failure(_ error: any Error, _ received: Date) -> InterfaceResponse {
    let message: InterfaceError =
      switch error {
      case let error as InterfaceError: error
      case let error as SettlementError: InterfaceError(error.description)
      case let error as StoreError: InterfaceError(error.description)
      default: InterfaceError("系统处理失败：\(error)")
      }
    return InterfaceResponse(
      error: message, referenceMessageID: referenceMessageID(at: received), receivedAt: ChinaTime.stamp(received),
      respondedAt: ChinaTime.stamp(clock()))
  }

  /// The gateway headers and the `sign_no` of 9001, unless authentication is off.
  func authenticate(_ request: InterfaceRequest, headers: GatewayAuthentication.Headers, now: Date) throws {
    guard let gateway else { return }
    let institution = try institution(of: request)
    try gateway.check(
      headers, institution: institution.code, secret: store.secret(institutionCode: institution.code), now: now)
    guard request.transaction != "9001" else { return }
    guard let signNumber = request.signNumber else { throw InterfaceError("缺少签到编号 sign_no，请先签到(9001)") }
    guard store.signInInstitution(signNumber) == institution.code else {
      throw InterfaceError.field("sign_no", signNumber, "不是本机构签到(9001)取得的签到编号")
    }
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
    case "2601": return try await reverse(request)
    case "3201": return try await reconcileTotals(request)
    case "3202": return try await reconcileDetails(request)
    case "5203": return try await querySettlements(request)
    case "5204": return try await queryFeeLines(request)
    case "5206": return try await queryAccumulators(request)
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
    return engine.region.code + ChinaTime.compact(date) + String(repeating: "0", count: 10 - serial.count) + serial
  }

  /// `yyyy-MM-dd HH:mm:ss` now, in China Standard Time.
  func now() -> String { ChinaTime.dateTime(clock()) }

  func today() -> Day { ChinaTime.day(clock()) }
}
