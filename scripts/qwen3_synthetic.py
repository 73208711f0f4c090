#!/usr/bin/env python3
"""Synthetic Qwen3-Embedding models for testing and benchmarking taskspace's ONNX engine.

Real Qwen3 weights cannot be downloaded on the machines that build taskspace, so the Java
engine is verified against a TINY model that has the real Qwen3 decoder architecture and
the same ONNX graph signature as the onnx-community/Qwen3-Embedding-0.6B-ONNX export:

  inputs   input_ids            int64   [batch, seq]
           attention_mask       int64   [batch, past_seq + seq]   (0 = padding, padding on the LEFT)
           position_ids         int64   [batch, seq]
           past_key_values.{i}.key / .value  float32 [batch, kv_heads, past_seq, head_dim]
                                (callers feed past_seq = 0; the graph concatenates past and new)
  outputs  last_hidden_state    float32 [batch, seq, hidden]
           present.{i}.key / .value          float32 [batch, kv_heads, past_seq + seq, head_dim]

The forward pass is written here in plain torch (no transformers library): token embedding;
per layer RMSNorm -> attention (q/k/v/o projections without bias, per-head RMSNorm on q and
k, RoPE with the rotate_half convention, grouped-query attention, causal + padding mask,
float32 softmax) -> residual -> RMSNorm -> SwiGLU MLP -> residual; final RMSNorm.

Two modes:

1. Fixture (default). Writes the committed test fixture to
   src/test/resources/dev/taskspace/embed/onnx/tiny-qwen3/:
     onnx/model.onnx             tiny random-weight model (torch.manual_seed(42)), weights inside
     tokenizer.json              WordLevel tokenizer (HF `tokenizers` JSON), no post-processor;
                                 "<|endoftext|>" is a special added token at the LAST id
     tokenizer-appends-eos.json  the same, but its TemplateProcessing post-processor appends
                                 "<|endoftext|>" (like the official Qwen3-Embedding tokenizer);
                                 the engine must end every sequence with exactly one end token
                                 whichever file it gets
     config.json                 HF Qwen3 config field names
     expected.json               for each text: ids (ending with eos), the last-token pooled
                                 L2-normalised vector, and the MRL vector (first 16 dims,
                                 then normalised), each text embedded ALONE (batch of 1)
   and verifies that the exported ONNX graph agrees with the torch model, alone and in a
   left-padded batch. The tokenization is reimplemented here (regex \\w+|[^\\w\\s]+, then
   vocabulary lookup, "[UNK]" for unknown words) so the expected values do not depend on a
   Python tokenizers package.

     /usr/bin/python3 scripts/qwen3_synthetic.py

2. Benchmark model (not committed). A random-weight model of the exact Qwen3-Embedding-0.6B
   shape, fp32, written as DIR/onnx/model.onnx + DIR/onnx/model.onnx_data (external data,
   the weights are > 2 GB), DIR/config.json, and DIR/tokenizer.json copied from
   /work/shared/data/qwen3-tokenizer/tokenizer.json. Peak ~5.5 GB of RAM and ~5 GB of disk; about 40 s.

     /usr/bin/python3 scripts/qwen3_synthetic.py --shape 0.6b --out /tmp/qwen3-0.6b-random

Requirements (Debian): apt-get install python3-torch python3-onnx python3-numpy.
The ONNX graph is checked with onnxruntime or onnx.reference when either is importable, and
otherwise with the small numpy interpreter at the end of this file (Debian 12 packages
neither; its onnx 1.12 predates onnx.reference).
"""
import argparse
import json
import math
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE_DIR = os.path.join(REPO, "src/test/resources/dev/taskspace/embed/onnx/tiny-qwen3")
QWEN3_TOKENIZER = "/work/shared/data/qwen3-tokenizer/tokenizer.json"
OPSET = 17
MRL_DIMS = 16


@dataclass
class Qwen3Config:
    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    head_dim: int
    rope_theta: float = 1_000_000.0
    rms_norm_eps: float = 1e-6
    eos_token_id: int = 0
    pad_token_id: int = 0


def qwen3_0_6b_config():
    # Qwen/Qwen3-Embedding-0.6B config.json
    return Qwen3Config(vocab_size=151669, hidden_size=1024, intermediate_size=3072,
                       num_hidden_layers=28, num_attention_heads=16, num_key_value_heads=8,
                       head_dim=128, eos_token_id=151643, pad_token_id=151643)


# --------------------------------------------------------------------------------------
# The Qwen3 decoder stack
# --------------------------------------------------------------------------------------

class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):                                   # [..., dim]
        variance = x.pow(2).mean(-1, keepdim=True)          # [..., 1]
        return self.weight * (x * torch.rsqrt(variance + self.eps))


def rotate_half(x):                                         # [..., head_dim]
    x1, x2 = x.chunk(2, dim=-1)                             # 2 x [..., head_dim/2]
    return torch.cat((-x2, x1), dim=-1)


def rope_cos_sin(position_ids, head_dim, theta):
    """cos, sin [batch, 1, seq, head_dim] for the given absolute positions [batch, seq]."""
    inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    freqs = position_ids.float()[:, :, None] * inv_freq[None, None, :]   # [batch, seq, head_dim/2]
    emb = torch.cat((freqs, freqs), dim=-1)                               # [batch, seq, head_dim]
    return emb.cos()[:, None], emb.sin()[:, None]


class Attention(nn.Module):
    def __init__(self, c: Qwen3Config):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = c.num_attention_heads, c.num_key_value_heads, c.head_dim
        self.q_proj = nn.Linear(c.hidden_size, self.heads * self.head_dim, bias=False)
        self.k_proj = nn.Linear(c.hidden_size, self.kv_heads * self.head_dim, bias=False)
        self.v_proj = nn.Linear(c.hidden_size, self.kv_heads * self.head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_dim, c.hidden_size, bias=False)
        self.q_norm = RMSNorm(self.head_dim, c.rms_norm_eps)   # per head, over head_dim
        self.k_norm = RMSNorm(self.head_dim, c.rms_norm_eps)

    def forward(self, x, cos, sin, allowed, past_k, past_v):
        # x [b, s, hidden]; cos, sin [b, 1, s, hd]; allowed bool [b, 1, s, past+s]
        # past_k, past_v [b, kv, past, hd]
        b, s = x.shape[0], x.shape[1]
        q = self.q_norm(self.q_proj(x).view(b, s, self.heads, self.head_dim)).transpose(1, 2)     # [b, h, s, hd]
        k = self.k_norm(self.k_proj(x).view(b, s, self.kv_heads, self.head_dim)).transpose(1, 2)  # [b, kv, s, hd]
        v = self.v_proj(x).view(b, s, self.kv_heads, self.head_dim).transpose(1, 2)               # [b, kv, s, hd]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat((past_k, k), dim=2)                   # [b, kv, past+s, hd]  (= present key)
        v = torch.cat((past_v, v), dim=2)                   # [b, kv, past+s, hd]  (= present value)
        present_k, present_v = k, v
        # grouped-query attention: every kv head serves heads/kv_heads query heads
        n_rep = self.heads // self.kv_heads
        t = k.shape[2]
        k = k[:, :, None].expand(b, self.kv_heads, n_rep, t, self.head_dim).reshape(b, self.heads, t, self.head_dim)
        v = v[:, :, None].expand(b, self.kv_heads, n_rep, t, self.head_dim).reshape(b, self.heads, t, self.head_dim)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)   # [b, h, s, past+s]
        # A large finite negative instead of -inf: a query row with nothing to attend to
        # (a left-padding position) gets a uniform softmax instead of NaN.
        scores = scores.masked_fill(~allowed, torch.finfo(torch.float32).min)
        probs = torch.softmax(scores.float(), dim=-1)       # float32 softmax
        out = torch.matmul(probs, v)                        # [b, h, s, hd]
        out = out.transpose(1, 2).reshape(b, s, self.heads * self.head_dim)
        return self.o_proj(out), present_k, present_v       # [b, s, hidden]


class MLP(nn.Module):
    def __init__(self, c: Qwen3Config):
        super().__init__()
        self.gate_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.up_proj = nn.Linear(c.hidden_size, c.intermediate_size, bias=False)
        self.down_proj = nn.Linear(c.intermediate_size, c.hidden_size, bias=False)

    def forward(self, x):                                   # [b, s, hidden]
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class DecoderLayer(nn.Module):
    def __init__(self, c: Qwen3Config):
        super().__init__()
        self.input_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.hidden_size, c.rms_norm_eps)
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, allowed, past_k, past_v):
        a, present_k, present_v = self.self_attn(self.input_layernorm(x), cos, sin, allowed, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, present_k, present_v


class Qwen3Model(nn.Module):
    """forward(input_ids, attention_mask, position_ids, *past) -> (last_hidden_state, *present),
    past and present flattened as layer0.key, layer0.value, layer1.key, ..."""

    def __init__(self, c: Qwen3Config):
        super().__init__()
        self.config = c
        self.embed_tokens = nn.Embedding(c.vocab_size, c.hidden_size)
        self.layers = nn.ModuleList(DecoderLayer(c) for _ in range(c.num_hidden_layers))
        self.norm = RMSNorm(c.hidden_size, c.rms_norm_eps)

    def forward(self, input_ids, attention_mask, position_ids, *past):
        # input_ids, position_ids [b, s]; attention_mask [b, past+s]; past: 2 x layers x [b, kv, past, hd]
        c = self.config
        s, t = input_ids.shape[1], attention_mask.shape[1]
        x = self.embed_tokens(input_ids)                                  # [b, s, hidden]
        cos, sin = rope_cos_sin(position_ids, c.head_dim, c.rope_theta)   # [b, 1, s, hd]
        # query i (absolute position past+i) sees key j when j <= past+i and j is not padding
        query_pos = torch.arange(s, dtype=torch.int64) + (t - s)         # [s]
        key_pos = torch.arange(t, dtype=torch.int64)                      # [past+s]
        causal = key_pos[None, :] <= query_pos[:, None]                   # [s, past+s]
        allowed = causal[None, None] & (attention_mask[:, None, None, :] != 0)   # [b, 1, s, past+s]
        presents = []
        for i, layer in enumerate(self.layers):
            x, pk, pv = layer(x, cos, sin, allowed, past[2 * i], past[2 * i + 1])
            presents += [pk, pv]
        return (self.norm(x), *presents)                                  # [b, s, hidden], ...


def init_weights(model: Qwen3Model, std):
    """Random weights: N(0, std) for matrices and embeddings, 1 + N(0, 0.1) for norm weights."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight") or name.endswith("layernorm.weight"):
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
            else:
                p.normal_(0.0, std)


def empty_past(c: Qwen3Config, batch):
    return [torch.zeros(batch, c.num_key_value_heads, 0, c.head_dim) for _ in range(2 * c.num_hidden_layers)]


def input_names(c):
    names = ["input_ids", "attention_mask", "position_ids"]
    for i in range(c.num_hidden_layers):
        names += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
    return names


def output_names(c):
    names = ["last_hidden_state"]
    for i in range(c.num_hidden_layers):
        names += [f"present.{i}.key", f"present.{i}.value"]
    return names


def export_onnx(model: Qwen3Model, path):
    """TorchScript (tracing) exporter; the dynamo exporter is not in Debian's torch 1.13.
    Traced with a non-empty past so that nothing is specialised to past_seq = 0."""
    c = model.config
    b, s, past = 2, 5, 3
    ids = torch.randint(0, c.vocab_size, (b, s))
    mask = torch.ones(b, past + s, dtype=torch.int64)
    pos = torch.arange(past, past + s)[None].expand(b, s).contiguous()
    pasts = [torch.randn(b, c.num_key_value_heads, past, c.head_dim) for _ in range(2 * c.num_hidden_layers)]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "sequence_length"}}
    for i in range(c.num_hidden_layers):
        for kv in ("key", "value"):
            axes[f"past_key_values.{i}.{kv}"] = {0: "batch_size", 2: "past_sequence_length"}
            axes[f"present.{i}.{kv}"] = {0: "batch_size", 2: "total_sequence_length"}
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask, pos, *pasts), path, input_names=input_names(c),
                          output_names=output_names(c), dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True)


# --------------------------------------------------------------------------------------
# The tiny WordLevel tokenizer
# --------------------------------------------------------------------------------------

WORD_RE = re.compile(r"\w+|[^\w\s]+")   # the `Whitespace` pre-tokenizer of HF tokenizers
UNK, EOS = "[UNK]", "<|endoftext|>"

TOPIC = "Identify the topic or theme of the given text"
SENTIMENT = "Classify the sentiment of the given text as positive, negative, or neutral"
SEARCH = "Given a web search query, retrieve relevant passages that answer the query"


def with_instruction(instruction, text):
    return f"Instruct: {instruction}\nQuery:{text}"     # Qwen3-Embedding: no space after "Query:"


TEXTS = [
    "hello",
    "Explain gravity",
    "What is the capital of China?",
    "The capital of China is Beijing.",
    "Windows 3.1 crashed again :(",
    "The zorblax engine failed after the update.",                     # "zorblax" is unknown
    "Gravity is a force that attracts two bodies towards each other. It gives weight to "
    "physical objects and is responsible for the movement of planets around the sun.",
    with_instruction(TOPIC, "NASA launched a new rocket to study the moon."),
    with_instruction(SENTIMENT, "I really loved this movie, the actors were great!"),
    with_instruction(SENTIMENT, "The service was slow and the food was cold."),
    with_instruction(SEARCH, "What is the capital of China?"),
    with_instruction(TOPIC, "Stock markets fell sharply today as investors worried that "
                            "inflation and higher interest rates would slow the economy."),
]

EXTRA_WORDS = """a an and are as at be but by can do for from has have he her his i if in
into is it its me my no not of on one or our she so some than that the their them then
there they this to two up us was we were what when where which who why will with you your
apple banana car computer dog cat game team win lose price money bank school student music
song film book city country house water fire earth space star science health doctor"""


def build_vocab():
    """[UNK] = 0, then words in order of first appearance, then extra words; the special
    <|endoftext|> goes right after the regular vocabulary (as Qwen3's 151643)."""
    words = [UNK]
    for text in TEXTS:
        words += WORD_RE.findall(text.replace("zorblax", ""))
    words += EXTRA_WORDS.split()
    vocab = {}
    for w in words:
        vocab.setdefault(w, len(vocab))
    return vocab, len(vocab)          # regular vocab, eos id


def tokenize(text, vocab):
    return [vocab.get(w, vocab[UNK]) for w in WORD_RE.findall(text)]


def tokenizer_json(vocab, eos_id, appends_eos):
    post = None
    if appends_eos:
        eos = {"SpecialToken": {"id": EOS, "type_id": 0}}
        post = {"type": "TemplateProcessing",
                "single": [{"Sequence": {"id": "A", "type_id": 0}}, eos],
                "pair": [{"Sequence": {"id": "A", "type_id": 0}}, eos,
                         {"Sequence": {"id": "B", "type_id": 1}}, {"SpecialToken": {"id": EOS, "type_id": 1}}],
                "special_tokens": {EOS: {"id": EOS, "ids": [eos_id], "tokens": [EOS]}}}
    return {"version": "1.0", "truncation": None, "padding": None,
            "added_tokens": [{"id": eos_id, "content": EOS, "single_word": False, "lstrip": False,
                              "rstrip": False, "normalized": False, "special": True}],
            "normalizer": None, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": post,
            "decoder": None, "model": {"type": "WordLevel", "vocab": vocab, "unk_token": UNK}}


def config_json(c: Qwen3Config):
    d = asdict(c)
    d.update({"architectures": ["Qwen3Model"], "model_type": "qwen3", "torch_dtype": "float32",
              "bos_token_id": c.eos_token_id, "hidden_act": "silu", "attention_bias": False,
              "tie_word_embeddings": False, "max_position_embeddings": 32768})
    return d


# --------------------------------------------------------------------------------------
# Embedding and verification
# --------------------------------------------------------------------------------------

def l2n(v):
    return v / np.linalg.norm(v)


def left_padded_batch(id_lists, pad_id, positions):
    """Left padding, pad id = eos id, mask 0 on pads. Two position schemes, both verified:
    "arange": 0..n-1 on every row, pads included, so the real tokens of a short row start at
    its pad count (what HF transformers does when given no position_ids); "cumsum":
    cumsum(mask)-1 with pads set to 0, so every text gets exactly the positions it has alone
    (what transformers.js does). RoPE depends only on relative positions, so both give the
    vectors of the texts alone; expected.json holds those (positions 0..n-1, batch of 1)."""
    n = max(len(ids) for ids in id_lists)
    ids = np.full((len(id_lists), n), pad_id, dtype=np.int64)
    mask = np.zeros((len(id_lists), n), dtype=np.int64)
    for r, row in enumerate(id_lists):
        ids[r, n - len(row):] = row
        mask[r, n - len(row):] = 1
    if positions == "arange":
        pos = np.tile(np.arange(n, dtype=np.int64), (len(id_lists), 1))
    else:
        pos = np.maximum(np.cumsum(mask, axis=1) - 1, 0)
    return ids, mask, pos


def run_torch(model, ids, mask, pos):
    c = model.config
    with torch.no_grad():
        out = model(torch.from_numpy(ids), torch.from_numpy(mask), torch.from_numpy(pos), *empty_past(c, ids.shape[0]))
    return [o.numpy() for o in out]


def onnx_runner(path):
    """A function feeds -> list of outputs for the ONNX file, from whatever can run it here."""
    try:
        import onnxruntime as ort
        sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
        return "onnxruntime " + ort.__version__, lambda feeds: sess.run(None, feeds)
    except ImportError:
        pass
    import onnx
    try:
        from onnx.reference import ReferenceEvaluator
        ref = ReferenceEvaluator(path)
        return "onnx.reference", lambda feeds: ref.run(None, feeds)
    except ImportError:
        model = onnx.load(path)
        return "numpy interpreter in this script", lambda feeds: run_numpy(model, feeds)


def run_onnx(runner, c, ids, mask, pos):
    feeds = {"input_ids": ids, "attention_mask": mask, "position_ids": pos}
    for i in range(c.num_hidden_layers):
        for kv in ("key", "value"):
            feeds[f"past_key_values.{i}.{kv}"] = np.zeros((ids.shape[0], c.num_key_value_heads, 0, c.head_dim), np.float32)
    return runner(feeds)


def make_fixture():
    torch.manual_seed(42)
    vocab, eos_id = build_vocab()
    c = Qwen3Config(vocab_size=eos_id + 1, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                    num_attention_heads=4, num_key_value_heads=2, head_dim=8,
                    eos_token_id=eos_id, pad_token_id=eos_id)
    model = Qwen3Model(c).eval()
    init_weights(model, std=0.2)

    os.makedirs(os.path.join(FIXTURE_DIR, "onnx"), exist_ok=True)
    onnx_path = os.path.join(FIXTURE_DIR, "onnx/model.onnx")
    export_onnx(model, onnx_path)
    for name, obj in [("tokenizer.json", tokenizer_json(vocab, eos_id, False)),
                      ("tokenizer-appends-eos.json", tokenizer_json(vocab, eos_id, True)),
                      ("config.json", config_json(c))]:
        with open(os.path.join(FIXTURE_DIR, name), "w") as f:
            json.dump(obj, f, indent=1, ensure_ascii=False)
            f.write("\n")

    # Each text alone: ids + eos, last-token pooling, L2 normalisation; MRL: truncate, then normalise.
    entries, id_lists, alone = [], [], []
    for text in TEXTS:
        ids = tokenize(text, vocab) + [eos_id]
        n = len(ids)
        hidden = run_torch(model, np.array([ids]), np.ones((1, n), np.int64), np.arange(n)[None])[0]
        last = hidden[0, -1]                                     # [hidden]
        alone.append(last)
        id_lists.append(ids)
        entries.append({"text": text, "ids": ids,
                        "vector": [float(x) for x in l2n(last).astype(np.float32)],
                        "vector16": [float(x) for x in l2n(last[:MRL_DIMS]).astype(np.float32)]})
    with open(os.path.join(FIXTURE_DIR, "expected.json"), "w") as f:
        json.dump({"eos_id": eos_id, "mrl_dims": MRL_DIMS, "texts": entries}, f, indent=1)
        f.write("\n")

    print(f"vocab {len(vocab)} regular tokens + eos id {eos_id}; config {asdict(c)}")
    print("tokens per text (with eos):", [len(i) for i in id_lists])
    for name in sorted(os.listdir(FIXTURE_DIR)) + ["onnx/model.onnx"]:
        p = os.path.join(FIXTURE_DIR, name)
        if os.path.isfile(p):
            print(f"  {os.path.relpath(p, REPO)}  {os.path.getsize(p)} bytes")
    verify(model, onnx_path, id_lists, np.array(alone), eos_id)


def verify(model, onnx_path, id_lists, alone, eos_id):
    c = model.config
    name, runner = onnx_runner(onnx_path)
    print(f"verifying the ONNX graph with {name}")
    worst = {}

    def note(key, diff):
        worst[key] = max(worst.get(key, 0.0), float(diff))

    # (b) torch and ONNX agree: each text alone, every output (hidden states and presents)
    for ids in id_lists:
        feeds = (np.array([ids]), np.ones((1, len(ids)), np.int64), np.arange(len(ids))[None])
        t_out, o_out = run_torch(model, *feeds), run_onnx(runner, c, *feeds)
        for t, o in zip(t_out, o_out):
            assert t.shape == o.shape, (t.shape, o.shape)
            note("alone: torch vs ONNX, all outputs", np.abs(t - o).max())
    # (a) a left-padded batch of all texts gives each text's alone vector, both position schemes
    for positions in ("arange", "cumsum"):
        ids, mask, pos = left_padded_batch(id_lists, eos_id, positions)
        t_out, o_out = run_torch(model, ids, mask, pos), run_onnx(runner, c, ids, mask, pos)
        for engine, out in (("torch", t_out), ("ONNX", o_out)):
            assert all(np.isfinite(o).all() for o in out), f"non-finite output ({engine}, {positions})"
            last = out[0][:, -1]
            note(f"padded batch ({positions} positions), {engine}: last hidden vs alone", np.abs(last - alone).max())
            for r in range(len(alone)):
                note(f"padded batch ({positions} positions), {engine}: normalised vector vs alone",
                     np.abs(l2n(last[r]) - l2n(alone[r])).max())
        note(f"padded batch ({positions} positions): torch vs ONNX, all outputs",
             max(np.abs(t - o).max() for t, o in zip(t_out, o_out)))
    for key, diff in worst.items():
        print(f"  max |diff| {diff:.3g}  {key}")
    bad = {k: v for k, v in worst.items() if v > 1e-5}
    if bad:
        sys.exit(f"FAILED: differences above 1e-5: {bad}")

    # How far the usual mistakes land from the right vector (cosine; a good test needs these < 0.9999)
    def cos(a, b):
        return float(np.dot(l2n(a), l2n(b)))
    def embed(ids):
        return run_torch(model, np.array([ids]), np.ones((1, len(ids)), np.int64), np.arange(len(ids))[None])[0][0]
    rows = []
    for ids, right in zip(id_lists, alone):
        if len(ids) < 3:
            continue
        no_eos = embed(ids[:-1])[-1]
        two_eos = embed(ids + [eos_id])[-1]
        mean = embed(ids).mean(0)
        rows.append((cos(right, no_eos), cos(right, two_eos), cos(right, mean)))
    rows = np.array(rows)
    print("  cosine to the right vector, worst (max) over texts: without eos %.4f, eos twice %.4f, mean pooling %.4f"
          % tuple(rows.max(0)))
    sims = alone @ alone.T / np.outer(np.linalg.norm(alone, axis=1), np.linalg.norm(alone, axis=1))
    off = sims[~np.eye(len(alone), dtype=bool)]
    print(f"  cosine between different texts: min {off.min():.4f}, max {off.max():.4f}")
    print("OK")


def make_0_6b(out_dir):
    import onnx
    t0 = time.time()
    c = qwen3_0_6b_config()
    torch.manual_seed(42)
    model = Qwen3Model(c).eval()
    init_weights(model, std=0.02)
    print(f"built {sum(p.numel() for p in model.parameters()) / 1e6:.1f} M parameters in {time.time() - t0:.0f} s")
    os.makedirs(os.path.join(out_dir, "onnx"), exist_ok=True)
    final = os.path.join(out_dir, "onnx/model.onnx")
    for stale in (final, final + "_data"):
        if os.path.exists(stale):
            os.remove(stale)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        # Above 2 GB torch's exporter writes every weight as its own file next to the model;
        # gather them into one model.onnx_data, as in the onnx-community export.
        raw = os.path.join(tmp, "model.onnx")
        export_onnx(model, raw)
        del model
        print(f"exported in {time.time() - t0:.0f} s")
        m = onnx.load(raw)
        onnx.save_model(m, final, save_as_external_data=True, all_tensors_to_one_file=True,
                        location="model.onnx_data", size_threshold=1024)
        del m
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config_json(c), f, indent=1)
        f.write("\n")
    shutil.copyfile(QWEN3_TOKENIZER, os.path.join(out_dir, "tokenizer.json"))
    print(f"done in {time.time() - t0:.0f} s")
    for name in ("onnx/model.onnx", "onnx/model.onnx_data", "config.json", "tokenizer.json"):
        print(f"  {name}  {os.path.getsize(os.path.join(out_dir, name))} bytes")
    g = onnx.load(final, load_external_data=False).graph
    for kind, values in (("input", g.input), ("output", g.output)):
        for v in values:
            dims = [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
            print(f"  {kind} {v.name} {onnx.TensorProto.DataType.Name(v.type.tensor_type.elem_type)} {dims}")


# --------------------------------------------------------------------------------------
# A minimal numpy interpreter for the ops this exporter emits, used only when neither
# onnxruntime nor onnx.reference can be imported. It follows the ONNX operator specs.
# --------------------------------------------------------------------------------------

def run_numpy(model, feeds):
    from onnx import numpy_helper
    env = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for node in model.graph.node:
        attrs = {a.name: _attr(a) for a in node.attribute}
        attrs["_outputs"] = node.output
        args = [env[n] if n else None for n in node.input]
        outs = _OPS[node.op_type](attrs, *args)
        for name, value in zip(node.output, outs):
            env[name] = value
    return [env[o.name] for o in model.graph.output]


def _attr(a):
    from onnx import helper, numpy_helper
    v = helper.get_attribute_value(a)
    return numpy_helper.to_array(v) if a.type == a.TENSOR else v


def _reduce_axes(attrs, axes_input, x):
    axes = attrs.get("axes", axes_input)
    return None if axes is None else tuple(int(a) for a in np.asarray(axes).reshape(-1))


def _slice(attrs, x, starts, ends, axes=None, steps=None):
    axes = range(len(starts)) if axes is None else axes
    steps = [1] * len(starts) if steps is None else steps
    idx = [slice(None)] * x.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        idx[int(a)] = slice(int(s), int(e), int(st))
    return [x[tuple(idx)]]


def _softmax(attrs, x):
    ax = attrs.get("axis", -1)
    e = np.exp(x - x.max(axis=ax, keepdims=True))
    return [e / e.sum(axis=ax, keepdims=True)]


def _split(attrs, x, split=None):
    ax = attrs.get("axis", 0)
    split = attrs.get("split", split)
    if split is None:
        return np.split(x, len(attrs["_outputs"]), axis=ax)
    return np.split(x, np.cumsum(split)[:-1], axis=ax)


def _unsqueeze(attrs, x, axes=None):
    axes = _reduce_axes(attrs, axes, x)
    rank = x.ndim + len(axes)
    return [np.expand_dims(x, tuple(sorted(a % rank for a in axes)))]


def _constant_of_shape(attrs, shape):
    value = attrs.get("value", np.zeros(1, np.float32)).reshape(-1)[0]
    return [np.full(tuple(int(d) for d in shape), value, dtype=value.dtype)]


def _onnx_dtype(to):
    from onnx import helper
    return helper.tensor_dtype_to_np_dtype(to) if hasattr(helper, "tensor_dtype_to_np_dtype") else \
        __import__("onnx").mapping.TENSOR_TYPE_TO_NP_TYPE[to]


_OPS = {
    "Add": lambda a, x, y: [x + y], "Sub": lambda a, x, y: [x - y],
    "Mul": lambda a, x, y: [x * y], "Div": lambda a, x, y: [(x // y) if x.dtype.kind == "i" else x / y],
    "Pow": lambda a, x, y: [np.power(x, y).astype(x.dtype)], "Sqrt": lambda a, x: [np.sqrt(x)],
    "Reciprocal": lambda a, x: [1 / x], "Neg": lambda a, x: [-x],
    "Cos": lambda a, x: [np.cos(x)], "Sin": lambda a, x: [np.sin(x)],
    "Sigmoid": lambda a, x: [1 / (1 + np.exp(-x))],
    "MatMul": lambda a, x, y: [np.matmul(x, y)],
    "Gather": lambda a, x, i: [np.take(x, i, axis=a.get("axis", 0))],
    "Shape": lambda a, x: [np.array(x.shape, dtype=np.int64)],
    "Constant": lambda a: [a["value"]],
    "ConstantOfShape": _constant_of_shape,
    "Cast": lambda a, x: [x.astype(_onnx_dtype(a["to"]))],
    "Reshape": lambda a, x, s: [x.reshape([x.shape[i] if d == 0 else d for i, d in enumerate(s)])],
    "Transpose": lambda a, x: [np.transpose(x, a.get("perm"))],
    "Unsqueeze": _unsqueeze,
    "Squeeze": lambda a, x, axes=None: [np.squeeze(x, _reduce_axes(a, axes, x))],
    "Concat": lambda a, *xs: [np.concatenate(xs, axis=a["axis"])],
    "Slice": _slice, "Softmax": _softmax, "Split": _split,
    "Expand": lambda a, x, s: [x * np.ones(tuple(s), dtype=x.dtype)],
    "Range": lambda a, s, l, d: [np.arange(s, l, d, dtype=np.asarray(s).dtype)],
    "ReduceMean": lambda a, x, axes=None: [x.mean(axis=_reduce_axes(a, axes, x), keepdims=bool(a.get("keepdims", 1)))],
    "LessOrEqual": lambda a, x, y: [x <= y], "Less": lambda a, x, y: [x < y],
    "Greater": lambda a, x, y: [x > y], "Equal": lambda a, x, y: [x == y],
    "Not": lambda a, x: [~x], "And": lambda a, x, y: [x & y],
    "Where": lambda a, c, x, y: [np.where(c, x, y)],
    "Identity": lambda a, x: [x],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shape", choices=["tiny", "0.6b"], default="tiny")
    ap.add_argument("--out", help="output directory for --shape 0.6b")
    args = ap.parse_args()
    if args.shape == "tiny":
        make_fixture()
    else:
        if not args.out:
            ap.error("--shape 0.6b needs --out DIR")
        make_0_6b(args.out)


if __name__ == "__main__":
    main()
