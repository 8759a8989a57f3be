using System.Linq;
using WitTools.WitParser.Model;

namespace WitTools.WitParser.Tests.Model;

public class CollectionsTests
{
    [Fact]
    public void OrderedMapKeepsInsertionOrderAndReplacesInPlace()
    {
        var map = new OrderedMap<string, int> { { "c", 1 }, { "a", 2 }, { "b", 3 } };
        map["a"] = 20;
        map["d"] = 4;
        Assert.Equal(new[] { "c", "a", "b", "d" }, map.Keys);
        Assert.Equal(new[] { 1, 20, 3, 4 }, map.Values);
        Assert.Equal(1, map.IndexOf("a"));
    }

    [Fact]
    public void OrderedMapRemoveShiftsLaterEntries()
    {
        var map = new OrderedMap<string, int> { { "a", 1 }, { "b", 2 }, { "c", 3 } };
        Assert.True(map.Remove("a"));
        Assert.False(map.Remove("zz"));
        Assert.Equal(new[] { "b", "c" }, map.Keys);
        Assert.Equal(0, map.IndexOf("b"));
        Assert.Equal(3, map["c"]);
        map.Insert(0, "z", 9);
        Assert.Equal(new[] { "z", "b", "c" }, map.Keys);
        Assert.Equal(2, map.IndexOf("c"));
    }

    [Fact]
    public void OrderedMapAgreesWithAReferenceAcrossItsHashThreshold()
    {
        // Small maps search linearly, larger ones build a hash index: mixed operations across the threshold must
        // keep order and lookups exact.
        var map = new OrderedMap<string, int>(2);
        var reference = new System.Collections.Generic.List<(string Key, int Value)>();
        var random = new System.Random(3);
        for (int step = 0; step < 4000; step++)
        {
            string key = "k" + random.Next(40);
            int found = reference.FindIndex(e => e.Key == key);
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    map[key] = step;
                    if (found >= 0) reference[found] = (key, step);
                    else reference.Add((key, step));
                    break;
                case 2:
                    Assert.Equal(found >= 0, map.Remove(key));
                    if (found >= 0) reference.RemoveAt(found);
                    break;
                case 3:
                    int position = random.Next(reference.Count + 1 - (found >= 0 ? 1 : 0));
                    map.Insert(position, key, step);
                    if (found >= 0) reference.RemoveAt(found);
                    reference.Insert(position, (key, step));
                    break;
                case 4:
                    map.Retain((k, v) => v % 7 != 0);
                    reference.RemoveAll(e => e.Value % 7 == 0);
                    break;
                default:
                    Assert.Equal(found, map.IndexOf(key));
                    Assert.Equal(found >= 0, map.TryGetValue(key, out int value));
                    if (found >= 0) Assert.Equal(reference[found].Value, value);
                    break;
            }
            Assert.Equal(reference.Select(e => e.Key), map.Keys);
            Assert.Equal(reference.Select(e => e.Value), map.Values);
        }
    }

    [Fact]
    public void OrderedMapRetainFilters()
    {
        var map = new OrderedMap<int, string>();
        for (int i = 0; i < 6; i++) map.Add(i, "v" + i);
        map.Retain((k, _) => k % 2 == 1);
        Assert.Equal(new[] { 1, 3, 5 }, map.Keys);
        Assert.Equal(2, map.IndexOf(5));
        Assert.True(map.TryGetValue(3, out var v) && v == "v3");
        Assert.False(map.ContainsKey(2));
    }

    [Fact]
    public void OrderedMapRejectsDuplicateAdd()
    {
        var map = new OrderedMap<string, int> { { "a", 1 } };
        Assert.Throws<System.ArgumentException>(() => map.Add("a", 2));
        Assert.False(map.TryAdd("a", 2));
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void ArenaHandsOutSequentialTypedIds()
    {
        var arena = new Arena<TypeId, string>();
        var a = arena.Alloc("a");
        var b = arena.Alloc("b");
        Assert.Equal(0, a.Index);
        Assert.Equal(1, b.Index);
        Assert.Equal("b", arena[b]);
        Assert.Equal(new TypeId(2), arena.NextId);
        Assert.Equal(new[] { a, b }, arena.Ids.ToArray());
        Assert.True(arena.Contains(b));
        Assert.False(arena.Contains(new TypeId(2)));
    }

    [Fact]
    public void WorldKeysCompareByNameOrInterface()
    {
        Assert.Equal(WorldKey.OfName("x"), WorldKey.OfName("x"));
        Assert.NotEqual(WorldKey.OfName("x"), WorldKey.OfInterface(new InterfaceId(0)));
        Assert.Equal(WorldKey.OfInterface(new InterfaceId(3)), WorldKey.OfInterface(new InterfaceId(3)));
        Assert.Equal("interface-3", WorldKey.OfInterface(new InterfaceId(3)).ToString());
        Assert.Equal("x", WorldKey.OfName("x").ToString());
    }

    [Fact]
    public void FeatureSetParsesCommaAndSpaceLists()
    {
        var set = FeatureSet.Parse("a, b c,,a");
        Assert.Equal(new[] { "a", "b", "c" }, set.Names);
        Assert.True(set.IsEnabled("b"));
        Assert.False(set.IsEnabled("d"));
        Assert.True(FeatureSet.All.IsEnabled("anything"));
    }
}
