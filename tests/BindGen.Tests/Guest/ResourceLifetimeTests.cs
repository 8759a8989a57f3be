using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace WitTools.BindGen.Tests.Guest;

/// <summary>
/// Handle lifetimes and failures of export implementations (docs/type-mapping.md, "Resource lifetimes" and
/// "Traps"), run over emulated memory: wit/lifetimes is compiled once with an implementation and a fake host
/// that keeps a handle table and calls the destructor export when an own handle is dropped, as the canonical
/// ABI's resource.drop does. Each fact runs one harness method, which must leave no live allocation.
/// </summary>
public sealed class ResourceLifetimeTests : IClassFixture<ResourceLifetimeTests.Compiled>
{
    private const string Harness = """
using System.Collections.Generic;
using System.Linq;
using Wit;

namespace Wit.Test.Lifetimes
{
    public static partial class LifetimesWorld
    {
        private static partial Store.IStore CreateStore() => new StoreImpl();
    }

    internal sealed class StoreImpl : Store.IStore
    {
        public static Store.Item? Kept;
        public static Store.Item? SharedItem;
        public static Host.Counter? Peeked;

        public Store.Item CreateItem(string name) => new MyItem(name);
        public void Keep(Store.Item it) => Kept = it;
        public Store.Item Give() => Kept ?? throw new System.InvalidOperationException("nothing kept");
        public void Discard()
        {
            Kept?.Dispose();
            Kept = null;
        }
        public Store.Item Shared() => SharedItem ??= new MyItem("shared");
        public uint Peek(Host.Counter c, bool consume)
        {
            Peeked = c;
            return consume ? Host.Counter.Total(c) : c.Get();
        }
        public uint PeekAll(Host.Counter[] cs) => (uint)cs.Sum(c => c.Get());
        public uint Fail(string message) => message switch
        {
            "" => 0,
            "wit" => throw new WitException<string>("not a result function"),
            _ => throw new System.InvalidOperationException(message),
        };
        public uint TryFail(string message) => message.StartsWith("err:") ? throw new WitException<string>(message.Substring(4))
            : message.Length > 0 ? throw new System.FormatException(message) : 1u;
        public string[] Names(bool bad) => bad ? new[] { "a", null! } : new[] { "a", "b" };
        public uint Mul(uint a, uint b) => a * b;
    }

    internal sealed class MyItem : Store.Item
    {
        public static List<string> Destroyed = new();
        private readonly string _name;
        public MyItem(string name) => _name = name;
        public override string Name() => _name;
        protected override void OnDestroy()
        {
            Destroyed.Add(_name);
            if (_name == "explode") throw new System.InvalidOperationException("cannot let go");
        }
    }

    /// <summary>The host side: one handle table (as the component's own table) and a log of calls.</summary>
    internal static class FakeHost
    {
        public static readonly Dictionary<int, int> Items = new(); // handle -> rep
        public static readonly List<string> Log = new();
        private static int s_next = 500;

        public static void Install()
        {
            Items.Clear();
            Log.Clear();
            MyItem.Destroyed.Clear();
            StoreImpl.Kept = StoreImpl.SharedItem = null;
            StoreImpl.Peeked = null;
            WitTestHost.Handler = (module, name, args) =>
            {
                switch (name)
                {
                    case "[resource-new]item":
                        Items.Add(++s_next, (int)args[0]);
                        Log.Add("new " + s_next);
                        return s_next;
                    case "[resource-rep]item":
                        return Items[(int)args[0]];
                    case "[resource-drop]item":
                        Log.Add("drop " + (int)args[0]);
                        HostDrop((int)args[0]);
                        return null;
                    case "[constructor]counter":
                        return 40 + (int)args[0];
                    case "[method]counter.get":
                        Log.Add("get " + (int)args[0]);
                        return (int)args[0];
                    case "[resource-drop]counter":
                        Log.Add("drop counter " + (int)args[0]);
                        return null;
                }
                throw new System.Exception("unexpected import " + module + " " + name);
            };
        }

        /// <summary>resource.drop of an own handle: remove it, then run the destructor export with its rep.</summary>
        public static void HostDrop(int handle)
        {
            int rep = Items[handle];
            Items.Remove(handle);
            LifetimesWorld.__Dtor_Store_Item(rep);
        }
    }

    public static class Harness
    {
        private static void Check(bool ok, string what)
        {
            if (!ok) throw new System.Exception("check failed: " + what);
        }

        private static string Logged() => string.Join(",", FakeHost.Log);

        private static WitTrapException Trap(System.Action action)
        {
            try
            {
                action();
            }
            catch (WitTrapException e)
            {
                return e;
            }
            throw new System.Exception("no trap");
        }

        private static (int Ptr, int Len) HostString(string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            int ptr = WitMemory.Realloc(0, 0, 1, bytes.Length);
            new System.Span<byte>(bytes).CopyTo(WitMemory.Span(ptr, bytes.Length));
            return (ptr, bytes.Length);
        }

        private static int CreateItem(string name)
        {
            var (p, l) = HostString(name);
            return LifetimesWorld.__Export_Store_CreateItem(p, l);
        }

        private static void NoLeaks() => Check(WitMemory.Live.Count == 0, "live allocations: " + WitMemory.Live.Count);

        public static string GuestHeldHandleIsDroppedOnce()
        {
            FakeHost.Install();
            int handle = CreateItem("a");
            int rep = FakeHost.Items[handle];
            LifetimesWorld.__Export_Store_Keep(handle); // own<item> moves into the component
            var item = StoreImpl.Kept!;
            LifetimesWorld.__Export_Store_Discard();    // Dispose drops the held handle: the destructor runs
            Check(Logged() == "new " + handle + ",drop " + handle, "log " + Logged());
            Check(MyItem.Destroyed.SequenceEqual(new[] { "a" }), "destroyed once");
            item.Dispose();
            item.Dispose();
            Check(Logged() == "new " + handle + ",drop " + handle, "later Dispose calls do nothing: " + Logged());
            Check(MyItem.Destroyed.Count == 1, "OnDestroy runs once");
            Check(Trap(() => LifetimesWorld.__Export_Store_Item_Name(rep)).Message.Contains("unknown resource rep " + rep), "rep is gone");
            NoLeaks();
            return "ok";
        }

        public static string HandleMovedBackIsNotDroppedByDispose()
        {
            FakeHost.Install();
            int handle = CreateItem("b");
            LifetimesWorld.__Export_Store_Keep(handle);
            var item = StoreImpl.Kept!;
            Check(LifetimesWorld.__Export_Store_Give() == handle, "the held handle moves back to the host");
            item.Dispose(); // the host owns it now: nothing to drop, nothing destroyed
            Check(Logged() == "new " + handle, "no drop: " + Logged());
            Check(MyItem.Destroyed.Count == 0, "still alive");
            int ret = LifetimesWorld.__Export_Store_Item_Name(FakeHost.Items[handle]);
            Check(System.Text.Encoding.UTF8.GetString(WitMemory.Span(WitMemory.LoadI32(ret), WitMemory.LoadI32(ret + 4))) == "b", "still usable");
            LifetimesWorld.__Export_Store_Item_NamePost(ret);
            FakeHost.HostDrop(handle); // the host drops the last handle
            Check(MyItem.Destroyed.SequenceEqual(new[] { "b" }), "destroyed by the host's drop");
            item.Dispose();
            Check(MyItem.Destroyed.Count == 1, "Dispose after destruction does nothing");
            NoLeaks();
            return "ok";
        }

        public static string ObjectReturnedTwiceLivesUntilItsLastHandleIsDropped()
        {
            FakeHost.Install();
            int first = LifetimesWorld.__Export_Store_Shared();
            int second = LifetimesWorld.__Export_Store_Shared();
            Check(first != second && FakeHost.Items[first] == FakeHost.Items[second], "two own handles, one rep");
            FakeHost.HostDrop(first);
            Check(MyItem.Destroyed.Count == 0, "one handle left");
            FakeHost.HostDrop(second);
            Check(MyItem.Destroyed.SequenceEqual(new[] { "shared" }), "destroyed with the last handle");
            NoLeaks();
            return "ok";
        }

        public static string BothHandlesPassedBackAreHeldAsOne()
        {
            FakeHost.Install();
            int first = LifetimesWorld.__Export_Store_Shared();
            int second = LifetimesWorld.__Export_Store_Shared();
            LifetimesWorld.__Export_Store_Keep(first);
            LifetimesWorld.__Export_Store_Keep(second); // already holds one: the second is dropped at once
            Check(Logged() == "new " + first + ",new " + second + ",drop " + second, "log " + Logged());
            Check(MyItem.Destroyed.Count == 0, "the held handle keeps it alive");
            LifetimesWorld.__Export_Store_Discard();
            Check(Logged().EndsWith(",drop " + first), "the held handle is dropped: " + Logged());
            Check(MyItem.Destroyed.SequenceEqual(new[] { "shared" }), "destroyed once");
            Check(FakeHost.Items.Count == 0, "no handles left");
            // handed out again, it is gone: lowering it fails with ObjectDisposedException (a trap)
            var trap = Trap(() => LifetimesWorld.__Export_Store_Shared());
            Check(trap.InnerException is System.ObjectDisposedException, "ObjectDisposedException: " + trap);
            NoLeaks();
            return "ok";
        }

        public static string DisposeOfAnObjectNoHandleRefersToDestroysIt()
        {
            FakeHost.Install();
            var item = new MyItem("local");
            item.Dispose();
            item.Dispose();
            Check(MyItem.Destroyed.SequenceEqual(new[] { "local" }), "destroyed once");
            Check(FakeHost.Log.Count == 0, "no host calls");
            StoreImpl.Kept = item;
            Check(Trap(() => LifetimesWorld.__Export_Store_Give()).InnerException is System.ObjectDisposedException, "cannot be returned");
            NoLeaks();
            return "ok";
        }

        public static string ImportedResourceIsDroppedOnce()
        {
            FakeHost.Install();
            var counter = new Host.Counter(2);
            Check(counter.Get() == 42, "get");
            counter.Dispose();
            counter.Dispose();
            Check(Logged() == "get 42,drop counter 42", "dropped once: " + Logged());
            try
            {
                counter.Get();
                Check(false, "use after Dispose");
            }
            catch (System.ObjectDisposedException)
            {
            }
            NoLeaks();
            return "ok";
        }

        public static string BorrowedHandlesAreDroppedWhenTheExportReturns()
        {
            FakeHost.Install();
            Check(LifetimesWorld.__Export_Store_Peek(7, 0) == 7, "peek");
            Check(Logged() == "get 7,drop counter 7", "borrow dropped after the call: " + Logged());
            try
            {
                StoreImpl.Peeked!.Get();
                Check(false, "a borrow is not usable after the call");
            }
            catch (System.ObjectDisposedException)
            {
            }
            FakeHost.Log.Clear();
            int list = WitMemory.Realloc(0, 0, 4, 8);
            WitMemory.StoreI32(list, 3);
            WitMemory.StoreI32(list + 4, 4);
            Check(LifetimesWorld.__Export_Store_PeekAll(list, 2) == 7, "peek-all");
            Check(Logged() == "get 3,get 4,drop counter 3,drop counter 4", "every borrow in a list is dropped: " + Logged());
            var trap = Trap(() => LifetimesWorld.__Export_Store_Peek(9, 1));
            Check(trap.Message.Contains("a borrowed Counter cannot be passed as own<counter>"), trap.Message);
            NoLeaks();
            return "ok";
        }

        public static string ExceptionInAnExportIsADefinedTrap()
        {
            FakeHost.Install();
            var (p, l) = HostString("boom");
            var trap = Trap(() => LifetimesWorld.__Export_Store_Fail(p, l));
            Check(trap.Message == "WIT export `test:lifetimes/store@1.0.0#fail` failed: System.InvalidOperationException: boom", trap.Message);
            Check(trap.InnerException is System.InvalidOperationException, "wraps the original");
            NoLeaks();
            Check(LifetimesWorld.__Export_Store_Fail(1, 0) == 0, "the next call works");
            (p, l) = HostString("wit");
            trap = Trap(() => LifetimesWorld.__Export_Store_Fail(p, l));
            Check(trap.Message.Contains("Wit.WitException<System.String>: "), "an err without a result to carry it: " + trap.Message);

            // result<u32, string>: WitException<string> is the err case, anything else traps
            (p, l) = HostString("err:no");
            int ret = LifetimesWorld.__Export_Store_TryFail(p, l);
            Check(WitMemory.LoadU8(ret) == 1, "err");
            LifetimesWorld.__Export_Store_TryFailPost(ret);
            (p, l) = HostString("??");
            trap = Trap(() => LifetimesWorld.__Export_Store_TryFail(p, l));
            Check(trap.Message.EndsWith("#try-fail` failed: System.FormatException: ??"), trap.Message);
            NoLeaks();

            // a failure while lowering the result frees what was lowered so far
            trap = Trap(() => LifetimesWorld.__Export_Store_Names(1));
            Check(trap.Message.Contains("#names` failed: System."), trap.Message);
            NoLeaks();
            ret = LifetimesWorld.__Export_Store_Names(0);
            Check(WitMemory.LoadI32(ret + 4) == 2, "names");
            LifetimesWorld.__Export_Store_NamesPost(ret);
            NoLeaks();
            return "ok";
        }

        public static string ExceptionInADestructorIsADefinedTrap()
        {
            FakeHost.Install();
            int handle = CreateItem("explode");
            int rep = FakeHost.Items[handle];
            var trap = Trap(() => FakeHost.HostDrop(handle));
            Check(trap.Message == "WIT export `test:lifetimes/store@1.0.0#[dtor]item` failed: System.InvalidOperationException: cannot let go", trap.Message);
            Check(MyItem.Destroyed.SequenceEqual(new[] { "explode" }), "OnDestroy ran once");
            Check(Trap(() => LifetimesWorld.__Export_Store_Item_Name(rep)).Message.Contains("unknown resource rep"), "removed from the rep table");
            int next = CreateItem("fine");
            FakeHost.HostDrop(next);
            Check(MyItem.Destroyed.Last() == "fine", "the next resource works");
            NoLeaks();
            return "ok";
        }

        public static string ExceptionInAPostReturnIsADefinedTrap()
        {
            FakeHost.Install();
            int ret = LifetimesWorld.__Export_Store_Names(0);
            int stray = WitMemory.PostReturn.Alloc(8, 4);
            WitMemory.Free(stray); // freed behind the post-return's back: its FreeAll meets an unknown pointer
            var trap = Trap(() => LifetimesWorld.__Export_Store_NamesPost(ret));
            Check(trap.Message == "WIT export `cabi_post_test:lifetimes/store@1.0.0#names` failed: free of unknown pointer " + stray, trap.Message);
            ret = LifetimesWorld.__Export_Store_Names(0);
            LifetimesWorld.__Export_Store_NamesPost(ret); // the list was cleared: the next post-return works
            NoLeaks();
            return "ok";
        }

        public static string FlatExportAllocatesNothing()
        {
            FakeHost.Install();
            int sum = 0;
            for (int i = 0; i < 100; i++) sum += LifetimesWorld.__Export_Store_Mul(i, 3); // warm up
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10000; i++) sum += LifetimesWorld.__Export_Store_Mul(i, 3);
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Check(allocated == 0, "allocated " + allocated + " bytes in 10000 calls");
            Check(sum != 0, "sum");
            return "ok";
        }
    }
}
""";

    /// <summary>The bindings of wit/lifetimes plus the harness, compiled with WIT_EMULATED_MEMORY and loaded once.</summary>
    public sealed class Compiled : IDisposable
    {
        private readonly AssemblyLoadContext _context = new("lifetimes", isCollectible: true);
        private readonly Type _harness;

        public Compiled()
        {
            var load = GuestCompiler.Load(Path.Combine(ThisDirectory(), "wit", "lifetimes"));
            var (_, id) = GuestCompiler.Worlds(load).Single();
            var sources = GuestCompiler.Generate(load, id, stubs: false).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text).Append(Harness);
            var (problems, compilation) = GuestCompiler.Compile(sources, emulated: true, assemblyName: "EmulatedLifetimes");
            Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
            using var stream = new MemoryStream();
            var emit = compilation.Emit(stream);
            Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
            stream.Position = 0;
            _harness = _context.LoadFromStream(stream).GetType("Wit.Test.Lifetimes.Harness")!;
        }

        public void Run(string method)
        {
            try
            {
                Assert.Equal("ok", _harness.GetMethod(method)!.Invoke(null, null));
            }
            catch (TargetInvocationException e)
            {
                throw new Xunit.Sdk.XunitException(e.InnerException!.ToString());
            }
        }

        public void Dispose() => _context.Unload();

        internal static string ThisDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
    }

    private readonly Compiled _compiled;

    public ResourceLifetimeTests(Compiled compiled) => _compiled = compiled;

    [Theory]
    [InlineData(Target.Net10)]
    [InlineData(Target.Net8)]
    public void LifetimesWorldCompilesForWasmWithoutWarnings(Target target)
    {
        var load = GuestCompiler.Load(Path.Combine(Compiled.ThisDirectory(), "wit", "lifetimes"));
        var (_, id) = GuestCompiler.Worlds(load).Single();
        var files = GuestCompiler.Generate(load, id, stubs: true).Files.Where(f => f.Name.EndsWith(".cs")).Select(f => f.Text);
        var (problems, _) = GuestCompiler.Compile(files, target: target);
        Assert.True(problems.Count == 0, GuestCompiler.Describe(problems));
    }

    [Fact]
    public void GuestHeldHandleIsDroppedOnceAndDestroysOnce() => _compiled.Run("GuestHeldHandleIsDroppedOnce");

    [Fact]
    public void HandleMovedBackToTheHostIsNotDroppedByDispose() => _compiled.Run("HandleMovedBackIsNotDroppedByDispose");

    [Fact]
    public void ObjectReturnedTwiceLivesUntilItsLastHandleIsDropped() => _compiled.Run("ObjectReturnedTwiceLivesUntilItsLastHandleIsDropped");

    [Fact]
    public void SecondOwnHandleReceivedForAHeldObjectIsDroppedAtOnce() => _compiled.Run("BothHandlesPassedBackAreHeldAsOne");

    [Fact]
    public void DisposeOfAnObjectNoHandleRefersToDestroysIt() => _compiled.Run("DisposeOfAnObjectNoHandleRefersToDestroysIt");

    [Fact]
    public void ImportedResourceIsDroppedOnceAndUnusableAfterDispose() => _compiled.Run("ImportedResourceIsDroppedOnce");

    [Fact]
    public void BorrowedImportedHandlesAreDroppedWhenTheExportReturns() => _compiled.Run("BorrowedHandlesAreDroppedWhenTheExportReturns");

    [Fact]
    public void ExceptionInAnExportIsADefinedTrapWithoutLeaks() => _compiled.Run("ExceptionInAnExportIsADefinedTrap");

    [Fact]
    public void ExceptionInADestructorIsADefinedTrap() => _compiled.Run("ExceptionInADestructorIsADefinedTrap");

    [Fact]
    public void ExceptionInAPostReturnIsADefinedTrap() => _compiled.Run("ExceptionInAPostReturnIsADefinedTrap");

    [Fact]
    public void FlatExportAllocatesNothingPerCall() => _compiled.Run("FlatExportAllocatesNothing");
}
