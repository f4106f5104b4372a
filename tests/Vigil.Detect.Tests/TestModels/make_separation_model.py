"""Builds separation.onnx: a real ONNX graph with the two output channels of a model that separates touching
buildings, as steep sigmoids of two colour channels: 'building' from red, 'separation' from green.

Tests paint roofs red and the contact band between two roofs green, and get exact, known extent and band masks
through ONNX Runtime, independent of the trained model. Run with Debian's python3-onnx:
/usr/bin/python3 make_separation_model.py
"""
import onnx
from onnx import TensorProto, helper

# Input is normalised with mean 0 / std 1 / scale 1/255 (see separation.card.json): red and green in 0..1.
# channel c = sigmoid(40 * (colour - 0.5)): ~0 below 0.45, ~1 above 0.55.
nodes = [
    helper.make_node("Slice", ["image", "starts", "ends", "axes"], ["red_green"]),
    helper.make_node("Sub", ["red_green", "half"], ["centred"]),
    helper.make_node("Mul", ["centred", "gain"], ["logit"]),
    helper.make_node("Sigmoid", ["logit"], ["probability"]),
]
init = [
    helper.make_tensor("starts", TensorProto.INT64, [1], [0]),
    helper.make_tensor("ends", TensorProto.INT64, [1], [2]),
    helper.make_tensor("axes", TensorProto.INT64, [1], [1]),
    helper.make_tensor("half", TensorProto.FLOAT, [], [0.5]),
    helper.make_tensor("gain", TensorProto.FLOAT, [], [40.0]),
]
graph = helper.make_graph(
    nodes, "separation",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", 3, "h", "w"])],
    [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["n", 2, "h", "w"])],
    init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "separation.onnx")
