using System;
using System.Collections.Generic;
using WitTools.Runtime;

namespace WitTools.BindGen.Tests.Runtime;

/// <summary>The parts guest and host bindings share (src/BindGen/Runtime/Shared): Option, Result, WitException and
/// the structural equality generated types use.</summary>
public sealed class SharedTypesTests
{
    [Fact]
    public void Option_keeps_none_and_some_none_apart()
    {
        var none = Option<int?>.None;
        var someNone = Option<int?>.Some(null);
        Assert.False(none.HasValue);
        Assert.True(someNone.HasValue);
        Assert.Null(someNone.Value);
        Assert.NotEqual(none, someNone);
        Assert.Equal("the option is none", Assert.Throws<InvalidOperationException>(() => none.Value).Message);
        Assert.Equal("None", none.ToString());
        Assert.Equal("Some(3)", Option<int>.Some(3).ToString());
    }

    [Fact]
    public void Option_compares_lists_by_value()
    {
        var a = Option<int[]>.Some(new[] { 1, 2 });
        var b = Option<int[]>.Some(new[] { 1, 2 });
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.False(a.Equals(Option<int[]>.Some(new[] { 2, 1 })));
    }

    [Fact]
    public void Result_holds_ok_or_err_and_value_throws_the_error_as_WitException()
    {
        var ok = Result<int, string>.Ok(5);
        var err = Result<int, string>.Err("no");
        Assert.True(ok.IsOk);
        Assert.True(err.IsErr);
        Assert.Equal(5, ok.Value);
        var thrown = Assert.Throws<WitException<string>>(() => err.Value);
        Assert.Equal("no", thrown.Value);
        Assert.Equal("no", ((WitException)thrown).ErrorValue);
        Assert.Equal("WIT function returned an error: no", thrown.Message);
        Assert.Equal("the result is ok", Assert.Throws<InvalidOperationException>(() => ok.Error).Message);
        Assert.Equal("ok 5", ok.Match(v => "ok " + v, e => "err " + e));
        Assert.Equal("err no", err.Match(v => "ok " + v, e => "err " + e));
        Assert.Equal("Ok(5)", ok.ToString());
        Assert.Equal("Err(no)", err.ToString());
    }

    [Fact]
    public void Result_compares_by_case_and_payload_value()
    {
        Assert.Equal(Result<byte[], int>.Ok(new byte[] { 1 }), Result<byte[], int>.Ok(new byte[] { 1 }));
        Assert.Equal(Result<byte[], int>.Ok(new byte[] { 1 }).GetHashCode(), Result<byte[], int>.Ok(new byte[] { 1 }).GetHashCode());
        Assert.NotEqual(Result<int, int>.Ok(1), Result<int, int>.Err(1));
        Assert.False(Result<int, int>.Ok(1).Equals(null));
    }

    [Fact]
    public void Structural_equality_covers_arrays_tuples_and_maps()
    {
        Assert.True(WitEquality.DeepEquals(new[] { new[] { 1 }, new[] { 2, 3 } }, new[] { new[] { 1 }, new[] { 2, 3 } }));
        Assert.False(WitEquality.DeepEquals(new[] { 1 }, new[] { 1, 2 }));
        Assert.True(WitEquality.DeepEquals((1, new[] { "a" }), (1, new[] { "a" })));
        Assert.False(WitEquality.DeepEquals((1, new[] { "a" }), (1, new[] { "b" })));
        Assert.False(WitEquality.DeepEquals(Tuple.Create(1), ValueTuple.Create(1))); // different tuple types
        var map = new Dictionary<string, int[]> { ["k"] = new[] { 1 } };
        Assert.True(WitEquality.DeepEquals(map, new Dictionary<string, int[]> { ["k"] = new[] { 1 } }));
        Assert.False(WitEquality.DeepEquals(map, new Dictionary<string, int[]> { ["j"] = new[] { 1 } }));
        Assert.Equal(WitEquality.DeepHash((2, new[] { 3L })), WitEquality.DeepHash((2, new[] { 3L })));
        Assert.True(WitEquality.DeepEquals(null, null));
        Assert.False(WitEquality.DeepEquals(null, 1));
    }
}
