using System.Linq;
using WitTools.AbiOracle.Probing;
using WitTools.AbiOracle.Types;

namespace WitTools.AbiOracle.Tests.Probing;

public class CoreSignatureCheckTests
{
    private static CoreSignatureClaim Claim(string[] @params, string? result, string coreParams, string coreResults) =>
        new(@params.Select(WitValueType.Parse).ToArray(), result == null ? null : WitValueType.Parse(result),
            coreParams.Split(' ', System.StringSplitOptions.RemoveEmptyEntries),
            coreResults.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Correct_hand_flattened_signatures_validate()
    {
        CoreSignatureClaim[] lift =
        [
            Claim(["u32"], "u32", "i32", "i32"),
            Claim(["string", "f32"], null, "i32 i32 f32", ""),
            Claim(["(option u64)"], "string", "i32 i64", "i32"),                 // result returned through a pointer
            Claim(["(variant (case \"a\" f32) (case \"b\" u64))"], "(enum \"x\")", "i32 i64", "i32"),
            Claim(Enumerable.Repeat("u8", 17).ToArray(), null, "i32", ""),        // 17 flat params spill to one pointer
        ];
        Assert.Null(CoreSignatureCheck.CheckLift(lift));

        CoreSignatureClaim[] lower =
        [
            Claim(["u32"], "u32", "i32", "i32"),
            Claim(["(option u64)"], "string", "i32 i64 i32", ""),             // results go through an out-pointer
            Claim(["(record (field \"a\" f64) (field \"b\" u8))"], "(flags \"r\" \"w\")", "f64 i32", "i32"),
        ];
        Assert.Null(CoreSignatureCheck.CheckLower(lower));
    }

    [Fact]
    public void A_wrong_claim_is_rejected_with_wasmtimes_reason()
    {
        var error = CoreSignatureCheck.CheckLift([Claim(["u64"], null, "i32", "")]);
        Assert.NotNull(error);
        Assert.Contains("lowered parameter types `[I64]` do not match parameter types `[I32]`", error);

        // canon lower passes the result through an out-pointer instead.
        var lowerError = CoreSignatureCheck.CheckLower([Claim(["string"], "string", "i32 i32", "i32")]);
        Assert.Contains("found:    (func (param i32 i32 i32))", lowerError);
    }
}
