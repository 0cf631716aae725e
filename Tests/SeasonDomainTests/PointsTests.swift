import Foundation
import Testing

@testable import SeasonDomain

@Suite("Points")
struct PointsTests {
    @Test func normalizes() {
        let p = Points(6, -4)
        #expect(p.numerator == -3)
        #expect(p.denominator == 2)
        #expect(Points(0, 5) == .zero)
        #expect(Points(0, 5).denominator == 1)
        #expect(Points(10, 20) == Points(1, 2))
    }

    @Test func arithmetic() {
        let seventh = Points(1) / 7
        #expect(seventh * 7 == 1)
        #expect(seventh + seventh == Points(2, 7))
        #expect(Points(1, 3) + Points(1, 6) == Points(1, 2))
        #expect(Points(1, 2) - Points(3, 4) == Points(-1, 4))
        #expect(Points(2, 3) * Points(9, 4) == Points(3, 2))
        #expect(3 * Points(1, 3) == 1)
        #expect(Points(25) / 2 == Points(25, 2))
        #expect(Points(8) / -2 == -4)
        #expect(-Points(1, 2) == Points(-1, 2))
        var total: Points = .zero
        for _ in 0..<3 { total += Points(1, 3) }
        #expect(total == 1)
        #expect(total.denominator == 1)
        #expect(Points.zero.isZero)
        #expect(!Points(1, 9).isZero)
    }

    @Test func comparison() {
        #expect(Points(1, 3) < Points(1, 2))
        #expect(Points(-1, 2) < .zero)
        #expect(Points(34, 3) > 11)
        #expect([Points(3), Points(1, 7), Points(5, 2)].sorted() == [Points(1, 7), Points(5, 2), Points(3)])
    }

    @Test func formatting() {
        #expect(Points(25).formatted == "25")
        #expect(Points(1, 2).formatted == "0.5")
        #expect(Points(1, 7).formatted == "0.14")
        #expect(Points(34, 3).formatted == "11.33")
        #expect(Points(2, 3).formatted == "0.67")
        #expect(Points(1, 200).formatted == "0.01")  // half up
        #expect(Points(1, 201).formatted == "0")
        #expect(Points(1999, 2000).formatted == "1")  // rounds into the units
        #expect(Points(21, 20).formatted == "1.05")
        #expect(Points(-9, 2).formatted == "-4.5")
        #expect("\(Points(9, 2))" == "4.5")
        #expect(Points(1, 4).doubleValue == 0.25)
    }

    @Test func exactText() {
        #expect(Points(25).exactText == "25")
        #expect(Points(1, 2).exactText == "0.5")
        #expect(Points(1, 8).exactText == "0.125")
        #expect(Points(-1, 40).exactText == "-0.025")
        #expect(Points(1, 7).exactText == "1/7")
        #expect(Points(-34, 3).exactText == "-34/3")
    }

    @Test func parsing() {
        #expect(Points(text: "1/7") == Points(1, 7))
        #expect(Points(text: "2.5") == Points(5, 2))
        #expect(Points(text: "-0.5") == Points(-1, 2))
        #expect(Points(text: ".25") == Points(1, 4))
        #expect(Points(text: "0.33") == Points(33, 100))
        #expect(Points(text: "12") == 12)
        #expect(Points(text: "1/0") == nil)
        #expect(Points(text: "1e3") == nil)
        #expect(Points(text: "abc") == nil)
        #expect(Points(text: "1.") == nil)
    }

    private struct Box: Codable, Equatable { var p: Points }

    private func json(_ p: Points) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Box(p: p)), as: UTF8.self)
    }

    private func decode(_ text: String) throws -> Points {
        try JSONDecoder().decode(Box.self, from: Data("{\"p\":\(text)}".utf8)).p
    }

    @Test func jsonForms() throws {
        #expect(try json(25) == #"{"p":25}"#)
        #expect(try json(Points(1, 2)) == #"{"p":0.5}"#)
        #expect(try json(Points(9, 2)) == #"{"p":4.5}"#)
        #expect(try json(Points(1, 4)) == #"{"p":0.25}"#)
        #expect(try json(Points(1, 7)) == #"{"p":"1/7"}"#)
        #expect(try json(Points(-34, 3)) == #"{"p":"-34/3"}"#)
    }

    @Test(arguments: [Points(25), Points(1, 2), Points(1, 7), Points(34, 3), Points(-5, 4), Points(1, 3), Points(3, 1024), .zero])
    func jsonRoundTrip(_ p: Points) throws {
        let data = try JSONEncoder().encode(Box(p: p))
        #expect(try JSONDecoder().decode(Box.self, from: data).p == p)
    }

    @Test func decodesEveryForm() throws {
        #expect(try decode("25") == 25)
        #expect(try decode("0.5") == Points(1, 2))
        #expect(try decode("1.5") == Points(3, 2))
        #expect(try decode("0.33") == Points(33, 100))
        #expect(try decode("0.1") == Points(1, 10))
        #expect(try decode("25.0") == 25)
        #expect(try decode("\"1/7\"") == Points(1, 7))
        #expect(try decode("\"2.5\"") == Points(5, 2))
        #expect(try decode("\"-3\"") == -3)
        #expect(throws: DecodingError.self) { try decode("\"one\"") }
        #expect(throws: DecodingError.self) { try decode("true") }
    }
}
