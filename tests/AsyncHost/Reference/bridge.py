"""The reference tier of the async scenario tests (tests/AsyncHost/Reference/ReferenceHost.cs drives it).

Runs the host side of the component model with the spec's own definitions.py (WebAssembly/component-model,
design/mvp/canonical-abi/definitions.py, loaded from a checkout outside this repository) while the guests' core code
(generated C# bindings over emulated linear memory) stays in the .NET test process. They talk over stdin/stdout, one JSON
object per line; either side may call the other while it waits for an answer (nested calls):

  .NET -> here   {"op":"setup", ...}                     describe instances, types, imports; answered {"op":"ok"}
                 {"op":"run", "instance", "export", "args"}   invoke an export from the top level, tick to the end;
                                                          answered {"op":"done", "result"|"trap"}
                 {"op":"import", "instance", "module", "name", "args", "memory"}   a guest called an import or built-in
  here -> .NET   {"op":"call", "instance", "name", "args", "memory"}   run a core export (or cabi_realloc) of a guest
  answers        {"op":"return", "values", "memory"} or {"op":"trap", "message", "memory"}

Core values travel as [type, int] with floats as their bits; "memory" carries the 4 KiB pages of each instance's linear
memory that changed since the last message, so both copies are equal whenever control changes sides. The scheduler's
choices (random in definitions.py) come from the same splitmix64 generator as the C# emulator, asked in the same order;
candidates of a choice are ordered by creation.

This file is ours; definitions.py is never copied into the repository.
"""

import base64
import json
import struct
import sys
import threading

PAGE = 4096
MASK64 = (1 << 64) - 1


def load_definitions(path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("definitions", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["definitions"] = module
    spec.loader.exec_module(module)
    return module


D = load_definitions(sys.argv[1])


class Trap(Exception):
    pass


# ---------------------------------------------------------------- the scheduler's choices

class SplitMix:
    def __init__(self, seed):
        self.state = seed & MASK64
        self.draws = 0

    def next(self):
        self.draws += 1
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    # the random module's functions definitions.py calls
    def randint(self, a, b):
        return a + self.below(b - a + 1)

    def choice(self, seq):
        items = sorted(seq, key=lambda x: getattr(x, "_seq", 0))
        return items[self.below(len(items))]

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def getrandbits(self, k):
        raise AssertionError("NaN scrambling is not used by the scenarios")

    def randrange(self, *args):
        raise AssertionError("NaN scrambling is not used by the scenarios")


_sequence = [0]
_original_thread_init = D.Thread.__init__


def _thread_init(self, task, thread_func):
    _sequence[0] += 1
    self._seq = _sequence[0]
    _original_thread_init(self, task, thread_func)


D.Thread.__init__ = _thread_init


# A trap inside a continuation must reach whoever resumed it (definitions.py would leave the resumer waiting forever).
def cont_new(f):
    cont = D.Continuation()
    cont.lock = D.new_already_acquired_lock()

    def thread_base():
        cont.lock.acquire()
        D.thread_local_handler.value = cont.handler
        error = None
        block_arg = None
        try:
            block_arg = f(cont.block_result)
        except BaseException as e:  # noqa: BLE001 - a trap or a bug, reported to the resumer
            error = e
        handler = D.thread_local_handler.value
        handler.cont = None
        handler.block_arg = block_arg
        handler.error = error
        handler.lock.release()

    threading.Thread(target=thread_base, daemon=True).start()
    return cont


def resume(cont, block_result, current_thread):
    handler = D.Handler()
    handler.lock = D.new_already_acquired_lock()
    handler.current_thread = current_thread
    handler.error = None
    cont.handler = handler
    cont.block_result = block_result
    cont.lock.release()
    handler.lock.acquire()
    if handler.error is not None:
        raise handler.error
    return (handler.cont, handler.block_arg)


D.cont_new = cont_new
D.resume = resume
# error-context.new's message transformation is the host's to define: identity here and in the emulator
D.host_defined_transformation = lambda s: s


# ---------------------------------------------------------------- messages

_out = sys.stdout
_in = sys.stdin


def send(message):
    _out.write(json.dumps(message, separators=(",", ":")) + "\n")
    _out.flush()


def receive():
    line = _in.readline()
    if not line:
        sys.exit(0)
    return json.loads(line)


def core_to_json(t, v):
    if t == "f32":
        return ["f32", struct.unpack("<I", struct.pack("<f", v))[0]]
    if t == "f64":
        return ["f64", struct.unpack("<Q", struct.pack("<d", v))[0]]
    return [t, v]


def core_from_json(tv):
    t, v = tv
    if t == "f32":
        return struct.unpack("<f", struct.pack("<I", v))[0]
    if t == "f64":
        return struct.unpack("<d", struct.pack("<Q", v))[0]
    return v


# ---------------------------------------------------------------- memories

class Memories:
    def __init__(self):
        self.mems = {}
        self.shadows = {}

    def add(self, name, length):
        mem = D.MemInst(bytearray(length), "i32")
        self.mems[name] = mem
        self.shadows[name] = bytes(length)
        return mem

    def apply(self, updates):
        for name, update in (updates or {}).items():
            mem = self.mems[name].bytes
            length = update["len"]
            if len(mem) < length:
                mem.extend(bytes(length - len(mem)))
            elif len(mem) > length:
                del mem[length:]
            for index, data in update["pages"]:
                page = base64.b64decode(data)
                mem[index * PAGE:index * PAGE + len(page)] = page
            self.shadows[name] = bytes(mem)

    def changes(self):
        updates = {}
        for name, inst in self.mems.items():
            mem = inst.bytes
            shadow = self.shadows[name]
            pages = []
            for index in range((len(mem) + PAGE - 1) // PAGE):
                start = index * PAGE
                chunk = mem[start:start + PAGE]
                if chunk != shadow[start:start + PAGE]:
                    pages.append([index, base64.b64encode(bytes(chunk)).decode("ascii")])
            if pages or len(mem) != len(shadow):
                updates[name] = {"len": len(mem), "pages": pages}
                self.shadows[name] = bytes(mem)
        return updates


MEMORIES = Memories()


class GuestTrap(D.Trap):
    """A guest's core code failed (it trapped): the spec's Trap, raised where the core call was made."""


def request(message):
    """Sends a request to .NET and serves .NET's requests until the answer arrives."""
    message["memory"] = MEMORIES.changes()
    send(message)
    while True:
        reply = receive()
        MEMORIES.apply(reply.get("memory"))
        op = reply["op"]
        if op == "return":
            return [core_from_json(v) for v in reply["values"]]
        if op == "trap":
            raise GuestTrap()
        if op == "import":
            serve_import(reply)
            continue
        raise AssertionError("unexpected message " + op)


def call_core(instance, name, types, args):
    return request({"op": "call", "instance": instance, "name": name,
                    "args": [core_to_json(t, v) for t, v in zip(types, args)]})


# ---------------------------------------------------------------- types

class Types:
    def __init__(self):
        self.resources = {}

    def val(self, j):
        if j is None:
            return None
        k = j["k"]
        simple = {"bool": D.BoolType, "u8": D.U8Type, "u16": D.U16Type, "u32": D.U32Type, "u64": D.U64Type,
                  "s8": D.S8Type, "s16": D.S16Type, "s32": D.S32Type, "s64": D.S64Type, "f32": D.F32Type,
                  "f64": D.F64Type, "char": D.CharType, "string": D.StringType, "error-context": D.ErrorContextType}
        if k in simple:
            return simple[k]()
        if k == "list":
            return D.ListType(self.val(j["t"]))
        if k == "fixed-list":
            return D.ListType(self.val(j["t"]), j["n"])
        if k == "map":
            return D.MapType(self.val(j["key"]), self.val(j["value"]))
        if k == "record":
            return D.RecordType([D.FieldType(n, self.val(t)) for n, t in j["fields"]])
        if k == "tuple":
            return D.TupleType([self.val(t) for t in j["types"]])
        if k == "variant":
            return D.VariantType([D.CaseType(n, self.val(t)) for n, t in j["cases"]])
        if k == "enum":
            return D.EnumType(j["labels"])
        if k == "option":
            return D.OptionType(self.val(j["t"]))
        if k == "result":
            return D.ResultType(self.val(j["ok"]), self.val(j["error"]))
        if k == "flags":
            return D.FlagsType(j["labels"])
        if k == "own":
            return D.OwnType(self.resources[j["resource"]])
        if k == "borrow":
            return D.BorrowType(self.resources[j["resource"]])
        if k == "stream":
            return D.StreamType(self.val(j["t"]))
        if k == "future":
            return D.FutureType(self.val(j["t"]))
        raise AssertionError("unknown type " + k)

    def func(self, j):
        params = [("p" + str(i), self.val(t)) for i, t in enumerate(j["params"])]
        result = [self.val(j["result"])] if j["result"] is not None else []
        return D.FuncType(params, result, async_=j["async"])


TYPES = Types()


def flat_types(ft, context, opts):
    return D.flatten_functype(opts, ft, context)


# ---------------------------------------------------------------- instances and imports

INSTANCES = {}
IMPORTS = {}
STORE = None
ENCODINGS = {"utf8": "utf8", "utf16": "utf16", "latin1+utf16": "latin1+utf16"}


def options(instance, j):
    inst, mem, encoding = INSTANCES[instance]

    def realloc(args):
        return call_core(instance, "cabi_realloc", ["i32"] * 4, args)

    opts = D.CanonicalOptions()
    opts.memory = mem
    opts.string_encoding = encoding
    opts.realloc = realloc
    opts.post_return = None
    opts.async_ = j.get("async", False)
    opts.callback = None
    if j.get("callback"):
        name = j["callback"]
        opts.callback = lambda args, name=name: call_core(instance, name, ["i32"] * 3, args)
    return opts


def setup(message):
    global STORE
    STORE = D.Store()
    _sequence[0] = 0
    D.DETERMINISTIC_PROFILE = message["deterministic"]
    D.random = SplitMix(message["seed"])
    MEMORIES.__init__()
    INSTANCES.clear()
    IMPORTS.clear()
    TYPES.resources.clear()
    for j in message["instances"]:
        inst = D.ComponentInstance(STORE)
        inst.name = j["name"]
        mem = MEMORIES.add(j["name"], j["memory"])
        INSTANCES[j["name"]] = (inst, mem, ENCODINGS[j["encoding"]])
    for j in message["resources"]:
        impl = INSTANCES[j["impl"]][0]
        dtor = None
        if j.get("dtor"):
            name, instance = j["dtor"], j["impl"]
            dtor = lambda args, name=name, instance=instance: call_core(instance, name, ["i32"], args)
        TYPES.resources[j["id"]] = D.ResourceType(impl, dtor)
    for j in message["imports"]:
        IMPORTS[(j["instance"], j["module"], j["name"])] = make_import(j)
    send({"op": "ok"})


def lifted(j):
    """A guest's export as a function instance (canon lift)."""
    instance = j["instance"]
    inst = INSTANCES[instance][0]
    ft = TYPES.func(j["ft"])
    opts = options(instance, j["opts"])
    core_ft = D.flatten_functype(opts, ft, "lift")
    if j["opts"].get("post_return"):
        post = j["opts"]["post_return"]
        opts.post_return = lambda args, post=post: call_core(instance, post, core_ft.results, args)
    name = j["export"]
    callee = lambda args: call_core(instance, name, core_ft.params, args)
    return STORE.lift(callee, ft, opts, inst), ft


def make_import(j):
    instance = j["instance"]
    kind = j["kind"]
    if kind == "lower":
        callee, ft = lifted(j["target"])
        opts = options(instance, j["opts"])
        core = STORE.lower(callee, ft, opts, INSTANCES[instance][0])
        results = D.flatten_functype(opts, ft, "lower").results
        return core, results
    opts = options(instance, {"async": j.get("async", False)})
    t = TYPES.val(j["type"]) if j.get("type") is not None else None
    a = j.get("async", False)
    builtins = {
        "context.get": (lambda args: D.canon_context_get("i32", 0), ["i32"]),
        "context.set": (lambda args: D.canon_context_set("i32", 0, args[0]), []),
        "waitable-set.new": (lambda args: D.canon_waitable_set_new(), ["i32"]),
        "waitable-set.wait": (lambda args: D.canon_waitable_set_wait(False, opts.memory, args[0], args[1]), ["i32"]),
        "waitable-set.poll": (lambda args: D.canon_waitable_set_poll(False, opts.memory, args[0], args[1]), ["i32"]),
        "waitable-set.drop": (lambda args: D.canon_waitable_set_drop(args[0]), []),
        "waitable.join": (lambda args: D.canon_waitable_join(args[0], args[1]), []),
        "subtask.drop": (lambda args: D.canon_subtask_drop(args[0]), []),
        "subtask.cancel": (lambda args: D.canon_subtask_cancel(a, args[0]), ["i32"]),
        "task.cancel": (lambda args: D.canon_task_cancel(), []),
        "backpressure.inc": (lambda args: D.canon_backpressure_inc(), []),
        "backpressure.dec": (lambda args: D.canon_backpressure_dec(), []),
        "error-context.new": (lambda args: D.canon_error_context_new(opts, args[0], args[1]), ["i32"]),
        "error-context.debug-message": (lambda args: D.canon_error_context_debug_message(opts, args[0], args[1]), []),
        "error-context.drop": (lambda args: D.canon_error_context_drop(args[0]), []),
        "stream.new": (lambda args: D.canon_stream_new(D.StreamType(t)), ["i64"]),
        "stream.read": (lambda args: D.canon_stream_read(D.StreamType(t), opts, args[0], args[1], args[2]), ["i32"]),
        "stream.write": (lambda args: D.canon_stream_write(D.StreamType(t), opts, args[0], args[1], args[2]), ["i32"]),
        "stream.cancel-read": (lambda args: D.canon_stream_cancel_read(D.StreamType(t), a, args[0]), ["i32"]),
        "stream.cancel-write": (lambda args: D.canon_stream_cancel_write(D.StreamType(t), a, args[0]), ["i32"]),
        "stream.drop-readable": (lambda args: D.canon_stream_drop_readable(D.StreamType(t), args[0]), []),
        "stream.drop-writable": (lambda args: D.canon_stream_drop_writable(D.StreamType(t), args[0]), []),
        "future.new": (lambda args: D.canon_future_new(D.FutureType(t)), ["i64"]),
        "future.read": (lambda args: D.canon_future_read(D.FutureType(t), opts, args[0], args[1]), ["i32"]),
        "future.write": (lambda args: D.canon_future_write(D.FutureType(t), opts, args[0], args[1]), ["i32"]),
        "future.cancel-read": (lambda args: D.canon_future_cancel_read(D.FutureType(t), a, args[0]), ["i32"]),
        "future.cancel-write": (lambda args: D.canon_future_cancel_write(D.FutureType(t), a, args[0]), ["i32"]),
        "future.drop-readable": (lambda args: D.canon_future_drop_readable(D.FutureType(t), args[0]), []),
        "future.drop-writable": (lambda args: D.canon_future_drop_writable(D.FutureType(t), args[0]), []),
    }
    canon = j["canon"]
    if canon in builtins:
        return builtins[canon]
    if canon == "resource.new":
        rt = TYPES.resources[j["resource"]]
        return (lambda args: D.canon_resource_new(rt, args[0]), ["i32"])
    if canon == "resource.rep":
        rt = TYPES.resources[j["resource"]]
        return (lambda args: D.canon_resource_rep(rt, args[0]), ["i32"])
    if canon == "resource.drop":
        rt = TYPES.resources[j["resource"]]
        return (lambda args: D.canon_resource_drop(rt, args[0]), [])
    if canon == "task.return":
        result = [t] if t is not None else []
        return (lambda args: D.canon_task_return(result, opts, args), [])
    raise AssertionError("unknown built-in " + canon)


def serve_import(message):
    """A guest called an import or built-in: run it (inside the guest's thread) and answer."""
    core, result_types = IMPORTS[(message["instance"], message["module"], message["name"])]
    args = [core_from_json(v) for v in message["args"]]
    try:
        results = core(args)
    except D.Trap:
        send({"op": "trap", "message": "trap", "memory": MEMORIES.changes()})
        return
    send({"op": "return", "values": [core_to_json(t, v) for t, v in zip(result_types, results)], "memory": MEMORIES.changes()})


def run(message):
    j = message["target"]
    callee, ft = lifted(j)
    args = [(s, "utf8", len(s.encode("utf-8"))) for s in message["args"]]
    outcome = {}

    def on_start():
        return args

    def on_resolve(result):
        outcome["result"] = result

    ticks = 0
    try:
        STORE.invoke(callee, on_start, on_resolve)
        while "result" not in outcome:
            candidates = [t for t in STORE.waiting if t.ready()]
            if not candidates:
                raise Trap("deadlock: the call has not resolved and no thread is ready")
            STORE.tick()
            ticks += 1
        while any(t.ready() for t in STORE.waiting):
            STORE.tick()
            ticks += 1
        result = outcome["result"]
        text = None if result is None else result[0][0]
        handles = {name: sum(1 for _ in inst.handles) for name, (inst, _, _) in INSTANCES.items()}
        send({"op": "done", "result": text, "trap": None, "ticks": ticks, "draws": D.random.draws, "handles": handles,
              "memory": MEMORIES.changes()})
    except Trap as e:
        send({"op": "done", "result": None, "trap": str(e), "ticks": ticks, "draws": D.random.draws, "handles": {},
              "memory": MEMORIES.changes()})
    except D.Trap:
        send({"op": "done", "result": None, "trap": "trap", "ticks": ticks, "draws": D.random.draws, "handles": {},
              "memory": MEMORIES.changes()})


def main():
    while True:
        message = receive()
        MEMORIES.apply(message.get("memory"))
        op = message["op"]
        if op == "setup":
            setup(message)
        elif op == "run":
            run(message)
        elif op == "import":
            serve_import(message)
        elif op == "quit":
            return
        else:
            raise AssertionError("unexpected message " + op)


if __name__ == "__main__":
    main()
