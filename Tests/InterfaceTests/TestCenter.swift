import Foundation
import Hummingbird
import HummingbirdTesting
import Money
import NIOCore
import NationalInterface
import Policy
import Registry
import SQLKit
import Server
import Settlement
import Store
import Testing

/// A settlement center on a fresh SQLite file with the shipped demo data, called through
/// the HTTP interface (Hummingbird's router) exactly as a HIS client calls it.
struct TestCenter {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let region: RegionPolicy = {
    let folder = root.appendingPathComponent("Regions/370400/policy")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      $0.hasSuffix(".yaml")
    }
    let files = names.sorted().map { name in
      PolicyFile(
        name: name, text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
    }
    do { return try PolicyLoader.load(files) } catch { fatalError("the demo policy does not load: \(error)") }
  }()

  let store: Store
  let interface: NationalInterface
  let path: String

  /// The server of `YIBAO_TEST_POSTGRES` (`postgres://…/postgres`), when the suite runs on PostgreSQL.
  static let postgres = ProcessInfo.processInfo.environment["YIBAO_TEST_POSTGRES"]

  /// A new center with the demo institutions, catalogue, persons, identities and qualifications:
  /// a fresh SQLite file, or a fresh PostgreSQL database when `YIBAO_TEST_POSTGRES` is set.
  static func make() async throws -> TestCenter {
    let path: String
    if let postgres {
      let name = "yibao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
      let server = try await Database.open(postgres)
      try await server.write { sql in try await sql.raw(SQLQueryString("CREATE DATABASE \(name)")).run() }
      try await server.close()
      path = String(postgres[..<(postgres.lastIndex(of: "/") ?? postgres.endIndex)]) + "/" + name
    } else {
      path =
        FileManager.default.temporaryDirectory.appendingPathComponent("yibao-test-\(UUID().uuidString).sqlite").path
    }
    let store = try await Store.open(path)
    let demo = root.appendingPathComponent("Regions/370400/demo")
    func text(_ name: String) throws -> String {
      try String(contentsOf: demo.appendingPathComponent(name), encoding: .utf8)
    }
    try await store.importInstitutions(try ReferenceImport.institutions(try text("institutions.csv")))
    try await store.importCatalog(try ReferenceImport.catalog(try text("catalog.csv")))
    try await store.importPersons(try ReferenceImport.persons(try text("persons.csv")))
    try await store.importIdentities(
      try ReferenceImport.identities(try text("identities.csv")).enumerated().map {
        ($0 + 2, $1.personNumber, $1.identity)
      })
    try await store.importQualifications(
      try ReferenceImport.qualifications(try text("qualifications.csv")).enumerated().map {
        ($0 + 2, $1.personNumber, $1.qualification)
      })
    let interface = NationalInterface(store: store, engine: SettlementEngine(region: region))
    return TestCenter(store: store, interface: interface, path: path)
  }

  func close() async throws {
    try await store.close()
    if let postgres = Self.postgres {
      let server = try await Database.open(postgres)
      let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
      try await server.write { sql in
        try await sql.raw(SQLQueryString("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")).run()
      }
      try await server.close()
    } else {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
  }

  /// Posts one envelope over HTTP and answers the parsed response envelope.
  func call(_ infno: String, institution: String = "H37040200001", input: JSONValue) async throws -> JSONValue {
    let envelope: JSONValue = [
      "infno": .string(infno), "msgid": .string(institution + "20210510093000" + String(Int.random(in: 1000...9999))),
      "mdtrtarea_admvs": "370402", "insuplc_admdvs": "370400", "recer_sys_code": "YBXT", "dev_no": nil,
      "dev_safe_info": nil, "cainfo": "", "signtype": "", "infver": "V1.0", "opter_type": "1", "opter": "001",
      "opter_name": "收费员", "inf_time": "2021-05-10 09:30:00", "fixmedins_code": .string(institution),
      "fixmedins_name": nil, "sign_no": nil, "input": input,
    ]
    return try await post(envelope.rendered())
  }

  func post(_ body: [UInt8], path: String = "/fsi/api/rsfComIfsService/callService") async throws -> JSONValue {
    let app = Application(router: InterfaceRoutes.router(interface: interface))
    return try await app.test(.router) { client in
      try await client.execute(uri: path, method: .post, body: ByteBuffer(bytes: body)) { response in
        #expect(response.status == .ok)
        return try JSONValue.parse(Array(response.body.readableBytesView))
      }
    }
  }

  /// Calls and requires success (`infcode` 0); answers `output`.
  func succeed(
    _ infno: String, institution: String = "H37040200001", input: JSONValue,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> JSONValue {
    let answer = try await call(infno, institution: institution, input: input)
    #expect(answer["infcode"] == .number("0"), "\(infno): \(answer["err_msg"])", sourceLocation: sourceLocation)
    return answer["output"]
  }

  /// Calls and requires a refusal; answers `err_msg`.
  func refuse(
    _ infno: String, institution: String = "H37040200001", input: JSONValue,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> String {
    let answer = try await call(infno, institution: institution, input: input)
    #expect(answer["infcode"] == .number("-1"), "\(infno) should be refused", sourceLocation: sourceLocation)
    return answer["err_msg"].text ?? ""
  }

  /// The person's accumulators, summed from the ledger, without the zero ones.
  func counters(_ personNumber: String) async throws -> [CounterKey: Money] {
    try await store.accumulators(personNumber: personNumber).values.filter { !$0.value.isZero }
  }

  // MARK: Building requests

  static func line(
    _ serial: String, visit: String, person: String, code: String, price: String, count: String, amount: String
  )
    -> JSONValue
  {
    [
      "feedetl_sn": .string(serial), "mdtrt_id": .string(visit), "psn_no": .string(person), "chrg_bchno": "B1",
      "fee_ocur_time": "2021-05-10 09:40:00", "med_list_codg": .string(code), "medins_list_codg": .string("H-" + code),
      "det_item_fee_sumamt": .number(amount), "cnt": .number(count), "pric": .number(price), "hosp_appr_flag": "1",
    ]
  }
}

/// Checks the identities of the national interface on a setlinfo.
func checkIdentities(_ setlinfo: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws {
  func money(_ key: String) throws -> Money { try Money(yuan: setlinfo[key].text ?? "x") }
  #expect(
    try money("inscp_scp_amt")
      == money("medfee_sumamt") - money("fulamt_ownpay_amt") - money("overlmt_selfpay") - money("preselfpay_amt"),
    sourceLocation: sourceLocation)
  #expect(try money("psn_part_amt") == money("acct_pay") + money("psn_cash_pay"), sourceLocation: sourceLocation)
  #expect(
    try money("medfee_sumamt") == money("fund_pay_sumamt") + money("psn_part_amt") + money("hosp_part_amt"),
    sourceLocation: sourceLocation)
}
