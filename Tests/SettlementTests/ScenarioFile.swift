import Foundation
import Money
import Policy
import Registry
import Settlement
import Testing
import Yams

/// A hand-worked scenario of `Scenarios/*.yaml`: a person, an institution and steps
/// settled in order against the same accumulators.
struct Scenario: Decodable, Sendable, CustomTestStringConvertible {
  var file = ""
  let name: String
  let person: PersonSpec
  let institution: InstitutionSpec
  let steps: [Step]

  var testDescription: String { "\(file): \(name)" }

  enum CodingKeys: String, CodingKey { case name, person, institution, steps }

  struct PersonSpec: Decodable, Sendable {
    let insutype: String
    let psn_type: String
    let gend: String
    let cont_years: Int?
    let maternity_row: Bool?
    let account_balance: String?
    let identities: [IdentitySpec]?
    let qualifications: [QualificationSpec]?
  }

  struct IdentitySpec: Decodable, Sendable {
    let type: String
    let begin: String
    let end: String?
  }

  struct QualificationSpec: Decodable, Sendable {
    let dise_codg: String
    let begin: String
    let end: String?
    let institution: String?
    let course_no: String?
    let insulin: Bool?
  }

  struct InstitutionSpec: Decodable, Sendable {
    let code: String
    let level: Int?
    let admdvs: String
    let type: String
    let dialysis_partner: Bool?
  }

  struct LineSpec: Decodable, Sendable {
    let lv: String
    let list_type: String
    let selfpay_prop: String?
    let cap: String?
    let nego: Bool?
    let special: Bool?
    let pric: String
    let cnt: String
  }

  struct Step: Decodable, Sendable {
    let date: String?
    let med_type: String?
    let dise_codg: String?
    let psn_setlway: String?
    let matn_type: String?
    let acct_used_flag: String?
    let institution: InstitutionSpec?
    let lines: [LineSpec]?
    let expect: Expectation?
    let cancel: Int?
    let reject: String?
  }

  struct Expectation: Decodable, Sendable {
    let medfee_sumamt: String?
    let fulamt_ownpay_amt: String?
    let overlmt_selfpay: String?
    let preselfpay_amt: String?
    let inscp_scp_amt: String?
    let act_pay_dedc: String?
    let hifp_pay: String?
    let pool_prop_selfpay: String?
    let hifmi_pay: String?
    let hifob_pay: String?
    let maf_pay: String?
    let fund_pay_sumamt: String?
    let acct_pay: String?
    let psn_cash_pay: String?
    let funds: [String: String]?
  }
}

/// Loads the region policy and the scenarios from the repository.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let region: RegionPolicy = {
    let folder = root.appendingPathComponent("Regions/370400/policy")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let files = names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
      PolicyFile(
        name: name, text: (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? "")
    }
    do { return try PolicyLoader.load(files) } catch { fatalError("the demo policy does not load: \(error)") }
  }()

  static let scenarios: [Scenario] = {
    let folder = root.appendingPathComponent("Tests/SettlementTests/Scenarios")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      $0.hasSuffix(".yaml")
    }
    return names.sorted().flatMap { name -> [Scenario] in
      let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
      do {
        return try YAMLDecoder().decode([Scenario].self, from: text).map { scenario in
          var scenario = scenario
          scenario.file = name
          return scenario
        }
      } catch { fatalError("\(name) does not decode: \(error)") }
    }
  }()
}
