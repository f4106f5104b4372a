"""Builds brightness.onnx: a real ONNX graph whose 'building probability' is a steep sigmoid of the red channel.

Tests of the detection stage use it to get exact, known masks through ONNX Runtime (seams, holes, batching)
independent of the trained model. Run with Debian's python3-onnx: /usr/bin/python3 make_brightness_model.py
"""
import onnx
from onnx import TensorProto, helper

# Input is normalised with mean 0 / std 1 / scale 1/255 (see brightness.card.json): red in 0..1.
# probability = sigmoid(40 * (red - 0.5)): ~0 below 0.45, ~1 above 0.55.
nodes = [
    helper.make_node("Slice", ["image", "starts", "ends", "axes"], ["red"]),
    helper.make_node("Sub", ["red", "half"], ["centred"]),
    helper.make_node("Mul", ["centred", "gain"], ["logit"]),
    helper.make_node("Sigmoid", ["logit"], ["probability"]),
]
init = [
    helper.make_tensor("starts", TensorProto.INT64, [1], [0]),
    helper.make_tensor("ends", TensorProto.INT64, [1], [1]),
    helper.make_tensor("axes", TensorProto.INT64, [1], [1]),
    helper.make_tensor("half", TensorProto.FLOAT, [], [0.5]),
    helper.make_tensor("gain", TensorProto.FLOAT, [], [40.0]),
]
graph = helper.make_graph(
    nodes, "brightness",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["n", 3, "h", "w"])],
    [helper.make_tensor_value_info("probability", TensorProto.FLOAT, ["n", 1, "h", "w"])],
    init)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
model.ir_version = 8
onnx.checker.check_model(model)
onnx.save(model, "brightness.onnx")
