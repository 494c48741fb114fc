import Money
import Registry
import Settlement
import Store

/// Writes settlement answers exactly as the spec names them: every documented field
/// present (null where unknown), amounts as numbers with two decimals.
enum SettlementRendering {
  static func amount(_ money: Money) -> JSONValue { .number(money.description) }
  static func optionalAmount(_ money: Money?) -> JSONValue { money.map(amount) ?? .null }

  /// What an answer says about the settlement besides its figures.
  struct Context {
    let settlementID: String?
    let visitID: String
    let person: Person
    let insuranceType: String
    let personType: String
    let medicalType: String
    let serviceDate: Day
    let settledAt: String
    let certificateType: String
    let messageID: String?
    let clearingType: String
    let clearingInstitution: String
    let accountBalance: Money
  }

  static func setlinfo(_ s: SettlementSummary, _ c: Context) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("mdtrt_id", .string(c.visitID)), ("setl_id", c.settlementID.map(JSONValue.string) ?? .null),
      ("psn_no", .string(c.person.number)), ("psn_name", .string(c.person.name)),
      ("psn_cert_type", .string(c.person.certificateType)), ("certno", .string(c.person.certificateNumber)),
      ("gend", .string(c.person.gender.rawValue)), ("naty", .null), ("brdy", .string(c.person.birthDate.description)),
      ("age", .number(String(c.serviceDate.years(since: c.person.birthDate)))),
      ("insutype", .string(c.insuranceType)), ("psn_type", .string(c.personType)), ("cvlserv_flag", "0"),
      ("setl_time", .string(c.settledAt)), ("mdtrt_cert_type", .string(c.certificateType)),
      ("med_type", .string(c.medicalType)),
    ]
    members += figures(s)
    members += [
      ("balc", amount(c.accountBalance)), ("acct_mulaid_pay", amount(.zero)),
      ("medins_setl_id", c.messageID.map(JSONValue.string) ?? .null), ("clr_optins", .string(c.clearingInstitution)),
      ("clr_way", "1"), ("clr_type", .string(c.clearingType)),
    ]
    return .object(members)
  }

  /// The figures shared by setlinfo and the cancellation mirror.
  static func figures(_ s: SettlementSummary) -> [(String, JSONValue)] {
    [
      ("medfee_sumamt", amount(s.medicalFee)), ("fulamt_ownpay_amt", amount(s.fullOwnPay)),
      ("overlmt_selfpay", amount(s.overLimit)), ("preselfpay_amt", amount(s.preSelfPay)),
      ("inscp_scp_amt", amount(s.inScope)), ("act_pay_dedc", amount(s.deductible)),
      ("hifp_pay", amount(s.basicPay)), ("pool_prop_selfpay", .number(s.basicRatio.fourDecimals)),
      ("cvlserv_pay", amount(.zero)), ("hifes_pay", amount(.zero)), ("hifmi_pay", amount(s.criticalIllnessPay)),
      ("hifob_pay", amount(s.supplementaryPay)), ("maf_pay", amount(s.assistancePay)), ("oth_pay", amount(.zero)),
      ("fund_pay_sumamt", amount(s.fundTotal)), ("psn_part_amt", amount(s.personalPart)),
      ("acct_pay", amount(s.accountPay)), ("psn_cash_pay", amount(s.cashPay)), ("hosp_part_amt", amount(.zero)),
    ]
  }

  static func setldetail(_ funds: [FundPayment]) -> JSONValue {
    .array(
      funds.map { fund in
        [
          "fund_pay_type": .string(fund.fund), "inscp_scp_amt": amount(fund.base),
          "crt_payb_lmt_amt": optionalAmount(fund.limitLeft), "fund_payamt": amount(fund.amount),
          "fund_pay_type_name": .string(fund.name), "setl_proc_info": .string(fund.explanation),
        ]
      })
  }

  /// A 2204 / 2301 `result[]` row.
  static func splitResult(_ line: StoredFeeLine, item: CatalogItem) -> JSONValue {
    [
      "feedetl_sn": .string(line.serial), "det_item_fee_sumamt": amount(line.amount),
      "cnt": .number(line.count.description), "pric": .number(line.price.description),
      "pric_uplmt_amt": amount(item.priceCap ?? .zero), "selfpay_prop": .number(line.selfPayRatio.fourDecimals),
      "fulamt_ownpay_amt": amount(line.fullOwnPay), "overlmt_amt": amount(line.overLimit),
      "preselfpay_amt": amount(line.preSelfPay), "inscp_scp_amt": amount(line.inScope),
      "chrgitm_lv": .string(item.level.rawValue), "med_chrgitm_type": .string(item.chargeType),
      "bas_medn_flag": "0", "hi_nego_drug_flag": .string(item.isNegotiated ? "1" : "0"), "chld_medc_flag": "0",
      "list_sp_item_flag": .string(item.isSpecialDrug ? "1" : "0"), "lmt_used_flag": "0", "drt_reim_flag": "0",
      "memo": .null,
    ]
  }

  /// The cancellation answer (2208 / 2305 / 2103): the mirror's figures, negative.
  static func mirror(_ record: SettlementRecord) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("mdtrt_id", .string(record.visitID)), ("setl_id", .string(record.id)), ("clr_optins", .null),
      ("setl_time", .string(record.settledAt)),
    ]
    members += figures(record.summary)
    members += [
      ("balc", amount(record.accountBalance)), ("acct_mulaid_pay", amount(.zero)),
      ("medins_setl_id", record.messageID.map(JSONValue.string) ?? .null), ("hifdm_pay", amount(.zero)),
    ]
    return ["setlinfo": .object(members), "setldetail": setldetail(record.funds)]
  }
}
