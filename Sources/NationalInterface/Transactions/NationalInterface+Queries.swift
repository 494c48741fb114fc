import Money
import Registry
import Settlement
import Store

/// 5203 结算信息查询, 5204 费用明细查询, 5206 人员累计信息查询: an institution sees its own
/// settlements; accumulators are the person's.
extension NationalInterface {
  func querySettlements(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let filter = SettlementFilter(
      institutionCode: institution.code, personNumber: data.string("psn_no"), settlementID: data.string("setl_id"),
      visitID: data.string("mdtrt_id"))
    guard filter.personNumber != nil || filter.settlementID != nil || filter.visitID != nil else {
      throw InterfaceError("请至少提供 psn_no、setl_id 或 mdtrt_id 之一")
    }
    guard let record = try await store.settlements(filter).last else {
      throw InterfaceError.field("setl_id", filter.settlementID ?? filter.visitID ?? filter.personNumber, "没有符合条件的结算记录")
    }
    guard let person = try await store.person(number: record.personNumber) else {
      throw InterfaceError.field("psn_no", record.personNumber, "参保人员不存在")
    }
    let visit = try await store.visit(id: record.visitID)
    let s = record.summary
    let amount = SettlementRendering.amount
    var members: [(String, JSONValue)] = [
      ("setl_id", .string(record.id)), ("mdtrt_id", .string(record.visitID)), ("psn_no", .string(person.number)),
      ("psn_name", .string(person.name)), ("psn_cert_type", .string(person.certificateType)),
      ("certno", .string(person.certificateNumber)), ("gend", .string(person.gender.rawValue)), ("naty", .null),
      ("brdy", .string(person.birthDate.description)),
      ("age", .number(String(((try? Day(record.serviceDate)) ?? today()).years(since: person.birthDate)))),
      ("insutype", .string(record.insuranceType)),
      ("psn_type", .string(person.insurance(ofType: record.insuranceType)?.personType ?? "")), ("cvlserv_flag", "0"),
      ("flxempe_flag", "0"), ("nwb_flag", "0"), ("insu_optins", .string(engine.region.code)), ("emp_name", .null),
      ("pay_loc", "2"), ("fixmedins_code", .string(institution.code)), ("fixmedins_name", .string(institution.name)),
      ("hosp_lv", .string(String(institution.level))), ("fixmedins_poolarea", .string(institution.admdvs)),
      ("lmtpric_hosp_lv", .null), ("dedc_hosp_lv", .null),
      ("begndate", visit.map { .string(String($0.begin.prefix(10))) } ?? .null),
      ("enddate", .string(record.serviceDate)), ("setl_time", .string(record.settledAt)),
      ("mdtrt_cert_type", "02"), ("med_type", .string(record.medicalType)), ("clr_type", .string(record.clearingType)),
      ("clr_way", "1"), ("clr_optins", .string(engine.region.code)),
    ]
    members += SettlementRendering.figures(s).filter { !["psn_part_amt", "psn_cash_pay"].contains($0.0) }
    members += [
      ("psn_pay", amount(s.personalPart)), ("cash_payamt", amount(s.cashPay)), ("balc", amount(record.accountBalance)),
      ("acct_mulaid_pay", amount(.zero)), ("medins_setl_id", record.messageID.map(JSONValue.string) ?? .null),
      ("refd_setl_flag", record.cancels == nil ? (record.cancelledBy == nil ? "0" : "1") : "2"),
      ("year", .string(String(record.serviceDate.prefix(4)))),
      ("dise_codg", visit?.diseaseCode.map(JSONValue.string) ?? .null),
      ("dise_name", visit?.diseaseName.map(JSONValue.string) ?? .null), ("invono", .null), ("opter_id", .null),
      ("opter_name", .null), ("opt_time", .string(record.settledAt)),
    ]
    return ["setlinfo": .object(members), "setldetail": SettlementRendering.setldetail(record.funds)]
  }

  func queryFeeLines(_ request: InterfaceRequest) async throws -> JSONValue {
    let institution = try institution(of: request)
    let data = request.input.node("data")
    let lines: [StoredFeeLine]
    var settlementID = data.string("setl_id")
    if let id = settlementID {
      guard let record = try await store.settlement(id: id), record.institutionCode == institution.code else {
        throw InterfaceError.field("setl_id", id, "本机构没有该结算")
      }
      lines = try await store.feeLines(settlementID: record.cancels ?? id)
    } else {
      let visitID = try data.required("mdtrt_id")
      guard let visit = try await store.visit(id: visitID), visit.institutionCode == institution.code else {
        throw InterfaceError.field("mdtrt_id", visitID, "本机构没有该就诊")
      }
      lines = try await store.feeLines(visitID: visitID)
      settlementID = nil
    }
    let amount = SettlementRendering.amount
    return .array(
      lines.map { line in
        let item = store.catalogItem(code: line.itemCode, on: (try? Day(line.occurredAt ?? "")) ?? today())
        return [
          "mdtrt_id": .string(line.visitID),
          "setl_id": (line.settlementID ?? settlementID).map(JSONValue.string) ?? .null,
          "feedetl_sn": .string(line.serial), "rx_drord_no": .null, "med_type": .null,
          "fee_ocur_time": line.occurredAt.map(JSONValue.string) ?? .null, "cnt": .number(line.count.description),
          "pric": .number(line.price.description), "det_item_fee_sumamt": amount(line.amount),
          "pric_uplmt_amt": SettlementRendering.optionalAmount(item?.priceCap),
          "selfpay_prop": .number(line.selfPayRatio.fourDecimals), "fulamt_ownpay_amt": amount(line.fullOwnPay),
          "overlmt_amt": amount(line.overLimit), "preselfpay_amt": amount(line.preSelfPay),
          "inscp_scp_amt": amount(line.inScope), "chrgitm_lv": item.map { .string($0.level.rawValue) } ?? .null,
          "hilist_code": .string(line.itemCode), "hilist_name": item.map { .string($0.name) } ?? .null,
          "list_type": item.map { .string($0.listType) } ?? .null, "med_list_codg": .string(line.itemCode),
          "medins_list_codg": line.institutionItemCode.map(JSONValue.string) ?? .null,
          "med_chrgitm_type": item.map { .string($0.chargeType) } ?? .null,
          "hi_nego_drug_flag": .string(item?.isNegotiated == true ? "1" : "0"),
          "list_sp_item_flag": .string(item?.isSpecialDrug == true ? "1" : "0"), "memo": .null,
        ]
      })
  }

  func queryAccumulators(_ request: InterfaceRequest) async throws -> JSONValue {
    _ = try institution(of: request)
    let data = request.input.node("data")
    let number = try data.required("psn_no")
    guard let person = try await store.person(number: number) else {
      throw InterfaceError.field("psn_no", number, "参保人员不存在")
    }
    let year = data.string("cum_ym").map { String($0.prefix(4)) }
    let insuranceType =
      person.insurances.first { $0.insuranceType != engine.region.maternityInsuranceType }?.insuranceType ?? ""
    let totals = try await store.accumulators(personNumber: number)
    let rows = totals.values.sorted { $0.key < $1.key }.filter { key, _ in
      year == nil || key.period == year || key.period.hasPrefix("course:") || key == .account
    }
    return [
      "cuminfo": .array(
        rows.map { key, total in
          [
            "insutype": .string(insuranceType), "year": key.period.count == 4 ? .string(key.period) : .null,
            "cum_ym": data.string("cum_ym").map(JSONValue.string) ?? .null, "cum_type_code": .string(key.name),
            "cum_period": .string(key.period), "cum": SettlementRendering.amount(total),
          ]
        })
    ]
  }
}
