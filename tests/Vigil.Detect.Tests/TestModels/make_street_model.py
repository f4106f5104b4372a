"""Builds street.onnx: a real ONNX graph in the raw YOLO output layout that 'detects' bright squares.

The 640x640 input is cut into 80-px cells every 40 px (15 x 15 cells); a cell's score is a steep sigmoid of its mean
red (normalised 0..1) around 0.75, its box the cell itself. A white square that fills one cell exactly gives one box;
half-covered neighbours score ~0. Tests of the street-model path (letterbox, decoding, suppression, geotagging) use it
to get known boxes through ONNX Runtime. Run with Debian's python3-onnx: /usr/bin/python3 make_street_model.py
"""
import onnx
from onnx import TensorProto, helper

CELL, STRIDE, SIZE = 80, 40, 640
N = (SIZE - CELL) // STRIDE + 1
centres = [CELL / 2 + STRIDE * k for k in range(N)]
cx = [centres[j] for i in range(N) for j in range(N)]
cy = [centres[i] for i in range(N) for j in range(N)]
side = [float(CELL)] * (N * N)

nodes = [
    helper.make_node("Slice", ["images", "starts", "ends", "axes"], ["red"]),
    helper.make_node("AveragePool", ["red"], ["mean"], kernel_shape=[CELL, CELL], strides=[STRIDE, STRIDE]),
    helper.make_node("Sub", ["mean", "level"], ["centred"]),
    helper.make_node("Mul", ["centred", "gain"], ["logit"]),
    helper.make_node("Sigmoid", ["logit"], ["score_grid"]),
    helper.make_node("Reshape", ["score_grid", "flat"], ["score"]),
    helper.make_node("Concat", ["boxes", "score"], ["output0"], axis=1),
]
init = [
    helper.make_tensor("starts", TensorProto.INT64, [1], [0]),
    helper.make_tensor("ends", TensorProto.INT64, [1], [1]),
    helper.make_tensor("axes", TensorProto.INT64, [1], [1]),
    helper.make_tensor("level", TensorProto.FLOAT, [], [0.75]),
    helper.make_tensor("gain", TensorProto.FLOAT, [], [40.0]),
    helper.make_tensor("flat", TensorProto.INT64, [3], [1, 1, N * N]),
    helper.make_tensor("boxes", TensorProto.FLOAT, [1, 4, N * N], cx + cy + side + side),
]
graph = helper.make_graph(
    nodes, "street-bright-squares",
    [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, SIZE, SIZE])],
    [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 5, N * N])],
    init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "street.onnx")
