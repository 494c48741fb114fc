import Money
import NationalInterface
import Settlement
import Store
import Testing

/// Fee lines (§3): refunds (2301 with init_feedetl_sn), withdrawals (2205, 2302), duplicate
/// serials, catalogue validity, and the cancellation of an admission (2404).
@Suite struct FeeLineTests {
  let person = "37040000000000000001"
  let hospital = "H37040200002"

  /// 张丽娟 admitted under med_type 21 at H37040200002 on `date`; answers mdtrt_id.
  func admit(_ center: TestCenter, date: String = "2021-03-01 09:00:00") async throws -> String {
    let admission = try await center.succeed(
      "2401", institution: hospital,
      input: [
        "mdtrtinfo": [
          "psn_no": .string(person), "insutype": "390", "begntime": .string(date), "med_type": "21",
          "dise_codg": "K35.900", "geso_val": "0", "fetts": "0", "fetus_cnt": "0",
        ]
      ])
    return try #require(admission["result"]["mdtrt_id"].text)
  }

  /// A 2301 row with string amounts; `refundOf` makes it a refund line.
  func line(
    _ serial: String, visit: String, code: String, price: String, count: String, amount: String,
    refundOf: String? = nil
  ) -> JSONValue {
    [
      "feedetl_sn": .string(serial), "init_feedetl_sn": refundOf.map(JSONValue.string) ?? .null,
      "mdtrt_id": .string(visit), "psn_no": .string(person), "med_type": "21",
      "fee_ocur_time": "2021-03-02 08:00:00", "med_list_codg": .string(code), "medins_list_codg": .string("H-" + code),
      "det_item_fee_sumamt": .string(amount), "cnt": .string(count), "pric": .string(price),
    ]
  }

  let lens = "C0601018630327135462"  // 人工晶体 乙10% 限价1200
  let bloodCount = "002501010150100"  // 血细胞分析 甲

  func registerOutpatient(_ center: TestCenter, date: String = "2021-03-01 09:00:00") async throws -> String {
    let registration = try await center.succeed(
      "2201", institution: hospital,
      input: ["data": ["psn_no": .string(person), "insutype": "390", "begntime": .string(date)]])
    return try #require(registration["data"]["mdtrt_id"].text)
  }

  func batchLine(_ serial: String, visit: String, batch: String, code: String, price: String, count: String)
    -> JSONValue
  {
    var row = TestCenter.line(
      serial, visit: visit, person: person, code: code, price: price, count: count, amount: price)
    if case .object(var members) = row {
      members = members.map { $0.0 == "chrg_bchno" ? ($0.0, .string(batch)) : $0 }
      row = .object(members)
    }
    return row
  }

  // MARK: Refunds

  /// 张丽娟 (390 resident, cont_years 6) at H37040200002 (level 2), admitted 2021-03-01,
  /// discharged 2021-03-05 (V2021).
  ///   1 血细胞分析 甲 20.00 × 3 = 60.00 → inscp 60.00
  ///   2 人工晶体 乙10% 限价1200: 1500.00 × 2 = 3000.00 → overlmt round(300.00 × 2) = 600.00,
  ///     pre round(2400.00 × 10%) = 240.00, inscp 2160.00
  ///   3 refund of 2: 1500.00 × −1 = −1500.00, split as the exact negative of one unit of line 2:
  ///     overlmt −300.00, pre −round(1200.00 × 10%) = −120.00, inscp −1080.00.
  /// Net: medfee 60.00 + 3000.00 − 1500.00 = 1560.00; O 300.00; Pre 120.00; I 60.00 + 2160.00 −
  /// 1080.00 = 1140.00. §4.4 390 level 2: d = min(1140.00, 500) = 500.00, E = 640.00, ratio 80 % +
  /// 2 pp (cont_years 6) = 82 %: hifp round(640.00 × 82%) = 524.80. §5.1 burden 1140.00 − 524.80 =
  /// 615.20 < D 15,000 → 0. fund 524.80; personal 1560.00 − 524.80 = 1035.20.
  @Test func aRefundLineNetsAgainstItsOriginal() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("1", visit: visit, code: bloodCount, price: "20.00", count: "3", amount: "60.00"),
          line("2", visit: visit, code: lens, price: "1500.00", count: "2", amount: "3000.00"),
        ]
      ])
    let refund = try await center.succeed(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("3", visit: visit, code: lens, price: "1500.00", count: "-1", amount: "-1500.00", refundOf: "2")
        ]
      ])
    let row = try #require(refund["result"].elements.first)
    #expect(row["det_item_fee_sumamt"] == .number("-1500.00"))
    #expect(row["overlmt_amt"] == .number("-300.00"))
    #expect(row["preselfpay_amt"] == .number("-120.00"))
    #expect(row["inscp_scp_amt"] == .number("-1080.00"))
    #expect(row["fulamt_ownpay_amt"] == .number("0.00"))

    _ = try await center.succeed(
      "2402", institution: hospital,
      input: ["dscginfo": ["mdtrt_id": .string(visit), "psn_no": .string(person), "endtime": "2021-03-05 09:00:00"]])
    let settled = try await center.succeed(
      "2304", institution: hospital,
      input: [
        "data": ["psn_no": .string(person), "mdtrt_id": .string(visit), "insutype": "390", "medfee_sumamt": "1560.00"]
      ])
    let setlinfo = settled["setlinfo"]
    try checkIdentities(setlinfo)
    #expect(setlinfo["medfee_sumamt"] == .number("1560.00"))
    #expect(setlinfo["overlmt_selfpay"] == .number("300.00"))
    #expect(setlinfo["preselfpay_amt"] == .number("120.00"))
    #expect(setlinfo["inscp_scp_amt"] == .number("1140.00"))
    #expect(setlinfo["act_pay_dedc"] == .number("500.00"))
    #expect(setlinfo["pool_prop_selfpay"] == .number("0.8200"))
    #expect(setlinfo["hifp_pay"] == .number("524.80"))
    #expect(setlinfo["fund_pay_sumamt"] == .number("524.80"))
    #expect(setlinfo["psn_cash_pay"] == .number("1035.20"))
  }

  /// Line 2 is 人工晶体 × 2. In one upload, a refund of −3 is refused; so is a second refund line
  /// that would take the refunded total to 1 + 2 = 3 > 2. The message names the line and cnt, and
  /// nothing of a refused upload is stored.
  @Test func aRefundLargerThanItsOriginalIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: ["feedetail": [line("2", visit: visit, code: lens, price: "1500.00", count: "2", amount: "3000.00")]])
    let tooMany = try await center.refuse(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("3", visit: visit, code: lens, price: "1500.00", count: "-3", amount: "-4500.00", refundOf: "2")
        ]
      ])
    #expect(tooMany.contains("feedetl_sn=3") && tooMany.contains("cnt"), "\(tooMany)")
    let together = try await center.refuse(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("3", visit: visit, code: lens, price: "1500.00", count: "-1", amount: "-1500.00", refundOf: "2"),
          line("4", visit: visit, code: lens, price: "1500.00", count: "-2", amount: "-3000.00", refundOf: "2"),
        ]
      ])
    #expect(together.contains("feedetl_sn=4") && together.contains("cnt"), "\(together)")
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["2"])
  }

  /// The same limit across uploads: line 2 is 人工晶体 × 2; a first upload refunds 1 (accepted);
  /// a later upload refunding 2 more would refund 3 of 2 and must be refused (§3: a refund is the
  /// negative of a quantity of its original), leaving the visit at lines 2 and 3.
  @Test
  func refundsAcrossUploadsCannotExceedTheOriginal() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: ["feedetail": [line("2", visit: visit, code: lens, price: "1500.00", count: "2", amount: "3000.00")]])
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("3", visit: visit, code: lens, price: "1500.00", count: "-1", amount: "-1500.00", refundOf: "2")
        ]
      ])
    let message = try await center.refuse(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("4", visit: visit, code: lens, price: "1500.00", count: "-2", amount: "-3000.00", refundOf: "2")
        ]
      ])
    #expect(message.contains("feedetl_sn=4") && message.contains("cnt"), "\(message)")
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["2", "3"])
  }

  // MARK: Withdrawals

  /// A settlement or an upload checked against lines that changed meanwhile (here: withdrawn by
  /// 2205 between the read and the write) stores nothing: the figures would be those of lines
  /// that are gone.
  @Test func aSettlementOrUploadOfLinesChangedMeanwhileStoresNothing() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await registerOutpatient(center)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          batchLine("1", visit: visit, batch: "B1", code: "001110000010100", price: "10.00", count: "1"),
          batchLine("2", visit: visit, batch: "B2", code: "002501010150100", price: "20.00", count: "1"),
        ]
      ])
    let read = try await center.store.feeLines(visitID: visit, unsettledOnly: true)
    #expect(read.map(\.serial) == ["1", "2"])
    _ = try await center.succeed(
      "2205", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "chrg_bchno": "B2", "psn_no": .string(person)]])
    await #expect(throws: StoreError.self) {
      _ = try await center.store.settle(personNumber: person, visitID: visit, lines: read) { _, _ in
        Issue.record("computed on lines that are gone")
        throw StoreError.conflict("unreachable")
      }
    }
    let extra = StoredFeeLine(
      visitID: visit, serial: "3", batch: nil, itemCode: "001110000010100", institutionItemCode: nil,
      price: try ExactDecimal("10", maxScale: 6), count: try ExactDecimal("1", maxScale: 4), amount: Money(fen: 10_00),
      fullOwnPay: .zero, overLimit: .zero, preSelfPay: .zero, inScope: Money(fen: 10_00), selfPayRatio: .zero,
      refundOf: nil, occurredAt: nil)
    await #expect(throws: StoreError.self) { try await center.store.insertFeeLines([extra], checkedAgainst: read) }
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["1"])
    #expect(try await center.store.settlements(visitID: visit).isEmpty)
    #expect(try await center.counters(person).isEmpty)
  }

  /// A visit update made on a copy read before a 2202 cancelled the registration stores
  /// nothing: the visit stays cancelled instead of being reopened.
  @Test func aVisitUpdateOnAStaleCopyStoresNothing() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await registerOutpatient(center)
    let read = try #require(try await center.store.visit(id: visit))
    _ = try await center.succeed(
      "2202", institution: hospital, input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    var stale = read
    stale.diseaseCode = "J06.900"
    await #expect(throws: StoreError.self) { try await center.store.updateVisit(stale, from: read) }
    #expect(try await center.store.visit(id: visit)?.status == .cancelled)
  }

  /// 2205: chrg_bchno B2 withdraws only that batch; "0000" withdraws every unsettled line,
  /// after which there is nothing left to settle.
  @Test func chargeBatchZeroWithdrawsEveryUnsettledLine() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await registerOutpatient(center)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          batchLine("1", visit: visit, batch: "B1", code: "001110000010100", price: "10.00", count: "1"),
          batchLine("2", visit: visit, batch: "B1", code: "XJ01CAH502A010343505254", price: "9.80", count: "1"),
        ]
      ])
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: ["feedetail": [batchLine("3", visit: visit, batch: "B2", code: bloodCount, price: "20.00", count: "1")]])
    _ = try await center.succeed(
      "2205", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "chrg_bchno": "B2", "psn_no": .string(person)]])
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["1", "2"])
    _ = try await center.succeed(
      "2205", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "chrg_bchno": "0000", "psn_no": .string(person)]])
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
    let message = try await center.refuse(
      "2207", institution: hospital, input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(message.contains("没有未结算的费用明细"), "\(message)")
  }

  /// 2205 "0000" leaves settled lines alone: line 1 (一般诊疗费 10.00) is settled by 2207, line 2 is
  /// uploaded afterwards; the withdrawal removes line 2 only.
  @Test func chargeBatchZeroKeepsSettledLines() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await registerOutpatient(center)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [batchLine("1", visit: visit, batch: "B1", code: "001110000010100", price: "10.00", count: "1")]
      ])
    let settled = try await center.succeed(
      "2207", institution: hospital, input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    let settlementID = try #require(settled["setlinfo"]["setl_id"].text)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: ["feedetail": [batchLine("2", visit: visit, batch: "B2", code: bloodCount, price: "20.00", count: "1")]])
    _ = try await center.succeed(
      "2205", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "chrg_bchno": "0000", "psn_no": .string(person)]])
    let lines = try await center.store.feeLines(visitID: visit)
    #expect(lines.map(\.serial) == ["1"])
    #expect(lines.first?.settlementID == settlementID)
  }

  /// 2302 (`data` an array): the named lines 1 and 3 go, line 2 stays; a single element with
  /// feedetl_sn "0000" then withdraws the rest.
  @Test func inpatientWithdrawalRemovesTheNamedLines() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: [
        "feedetail": [
          line("1", visit: visit, code: bloodCount, price: "20.00", count: "1", amount: "20.00"),
          line("2", visit: visit, code: "001109000010100", price: "25.00", count: "2", amount: "50.00"),
          line("3", visit: visit, code: "001201000030100", price: "25.00", count: "2", amount: "50.00"),
        ]
      ])
    _ = try await center.succeed(
      "2302", institution: hospital,
      input: [
        "data": [
          ["feedetl_sn": "1", "mdtrt_id": .string(visit), "psn_no": .string(person), "exp_content": nil],
          ["feedetl_sn": "3", "mdtrt_id": .string(visit), "psn_no": .string(person), "exp_content": nil],
        ]
      ])
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["2"])
    _ = try await center.succeed(
      "2302", institution: hospital,
      input: ["data": [["feedetl_sn": "0000", "mdtrt_id": .string(visit), "psn_no": .string(person)]]])
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
  }

  // MARK: Serials and the catalogue

  /// A feedetl_sn already used on the visit, or twice in one upload, refuses the whole upload
  /// naming the serial; the same serial on another visit is fine.
  @Test func aDuplicateSerialIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await registerOutpatient(center)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [batchLine("1", visit: visit, batch: "B1", code: "001110000010100", price: "10.00", count: "1")]
      ])
    let again = try await center.refuse(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          batchLine("2", visit: visit, batch: "B2", code: bloodCount, price: "20.00", count: "1"),
          batchLine("1", visit: visit, batch: "B2", code: bloodCount, price: "20.00", count: "1"),
        ]
      ])
    #expect(again.contains("feedetl_sn") && again.contains("1"), "\(again)")
    let twice = try await center.refuse(
      "2204", institution: hospital,
      input: [
        "feedetail": [
          batchLine("5", visit: visit, batch: "B3", code: bloodCount, price: "20.00", count: "1"),
          batchLine("5", visit: visit, batch: "B3", code: bloodCount, price: "20.00", count: "1"),
        ]
      ])
    #expect(twice.contains("feedetl_sn") && twice.contains("5"), "\(twice)")
    #expect(try await center.store.feeLines(visitID: visit).map(\.serial) == ["1"], "nothing of the refused uploads")

    let other = try await registerOutpatient(center)
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: [
        "feedetail": [batchLine("1", visit: other, batch: "B1", code: "001110000010100", price: "10.00", count: "1")]
      ])
  }

  /// §0: catalogue dates are inclusive and tested against the service date. 注射用复合辅酶
  /// (XA16AXJ444A031622184419) ends 2020-12-31: refused on 2021-03-01 naming the code, accepted on
  /// 2020-12-31. 注射用卡瑞利珠单抗 (XL01XCH417A031436339561) begins 2021-01-01: refused on 2020-12-31.
  @Test func aCatalogueItemOutsideItsValidityIsRefused() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let expired = "XA16AXJ444A031622184419"
    let later = "XL01XCH417A031436339561"
    let visit = try await registerOutpatient(center, date: "2021-03-01 09:00:00")
    let message = try await center.refuse(
      "2204", institution: hospital,
      input: ["feedetail": [batchLine("1", visit: visit, batch: "B1", code: expired, price: "32.00", count: "1")]])
    #expect(message.contains(expired) && message.contains("feedetl_sn=1"), "\(message)")
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)

    let lastDay = try await registerOutpatient(center, date: "2020-12-31 09:00:00")
    _ = try await center.succeed(
      "2204", institution: hospital,
      input: ["feedetail": [batchLine("1", visit: lastDay, batch: "B1", code: expired, price: "32.00", count: "1")]])
    let early = try await center.refuse(
      "2204", institution: hospital,
      input: ["feedetail": [batchLine("2", visit: lastDay, batch: "B1", code: later, price: "2928.00", count: "1")]])
    #expect(early.contains(later), "\(early)")
  }

  // MARK: 2404

  /// 2404 cancels an admission: its unsettled lines go, the visit is cancelled, and later calls on
  /// it are refused. A settled stay cannot be cancelled until its settlement is (2305).
  @Test func cancellingAnAdmission() async throws {
    let center = try await TestCenter.make()
    defer { Task { try? await center.close() } }
    let visit = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: ["feedetail": [line("1", visit: visit, code: bloodCount, price: "20.00", count: "1", amount: "20.00")]])
    _ = try await center.succeed(
      "2404", institution: hospital,
      input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person), "exp_content": nil]])
    #expect(try await center.store.visit(id: visit)?.status == .cancelled)
    #expect(try await center.store.feeLines(visitID: visit).isEmpty)
    let upload = try await center.refuse(
      "2301", institution: hospital,
      input: ["feedetail": [line("2", visit: visit, code: bloodCount, price: "20.00", count: "1", amount: "20.00")]])
    #expect(upload.contains(visit), "\(upload)")
    let settle = try await center.refuse(
      "2304", institution: hospital, input: ["data": ["mdtrt_id": .string(visit), "psn_no": .string(person)]])
    #expect(settle.contains(visit), "\(settle)")

    // A settled stay: refused until 2305.
    let stay = try await admit(center)
    _ = try await center.succeed(
      "2301", institution: hospital,
      input: ["feedetail": [line("1", visit: stay, code: bloodCount, price: "20.00", count: "1", amount: "20.00")]])
    _ = try await center.succeed(
      "2402", institution: hospital,
      input: ["dscginfo": ["mdtrt_id": .string(stay), "psn_no": .string(person), "endtime": "2021-03-05 09:00:00"]])
    let settled = try await center.succeed(
      "2304", institution: hospital, input: ["data": ["mdtrt_id": .string(stay), "psn_no": .string(person)]])
    let settlementID = try #require(settled["setlinfo"]["setl_id"].text)
    let refused = try await center.refuse(
      "2404", institution: hospital, input: ["data": ["mdtrt_id": .string(stay), "psn_no": .string(person)]])
    #expect(refused.contains(settlementID), "\(refused)")
    #expect(try await center.store.visit(id: stay)?.status == .discharged)
    _ = try await center.succeed(
      "2305", institution: hospital,
      input: ["data": ["mdtrt_id": .string(stay), "setl_id": .string(settlementID), "psn_no": .string(person)]])
    _ = try await center.succeed(
      "2404", institution: hospital, input: ["data": ["mdtrt_id": .string(stay), "psn_no": .string(person)]])
    #expect(try await center.store.visit(id: stay)?.status == .cancelled)
    #expect(try await center.counters(person).isEmpty)
  }
}
